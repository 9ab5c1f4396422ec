namespace GeneratedClients.Common;

/// <summary>Checks of a deserialised envelope that its schema implies but the JSON reader does not enforce.</summary>
internal static class ResponseChecks
{
    // Why: a list entry sent as null (`"data": [ {...}, null ]`) deserialises into a null element; callers
    // would meet it as a NullReferenceException much later. It is an invalid response, named here.
    public static void NoNullEntry<T>(ExchangeCall call, T? entry, string path)
        where T : class
    {
        if (entry is null)
        {
            throw call.InvalidResponse("a list entry is null", path);
        }
    }

    public static void NoNullEntries<T>(ExchangeCall call, ICollection<T>? entries, string path)
        where T : class
    {
        if (entries is null)
        {
            throw call.InvalidResponse("a required list is null", path);
        }

        var index = 0;
        foreach (var entry in entries)
        {
            NoNullEntry(call, entry, $"{path}[{index++}]");
        }
    }
}
