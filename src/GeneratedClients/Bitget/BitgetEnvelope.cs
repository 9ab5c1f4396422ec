namespace GeneratedClients.Bitget;

/// <summary>Bitget's envelope <c>{code, msg, requestTime, data}</c>: success is code <c>00000</c>; anything else is the typed error it names.</summary>
internal static class BitgetEnvelope
{
    /// <summary>Throws the typed error an envelope carries (a code other than 00000, or no code at all); returns for success.</summary>
    public static void ThrowIfError(ExchangeCall call, string? code, string? message, long? requestTime)
    {
        if (code is null)
        {
            throw call.InvalidResponse("the envelope has no code", "code");
        }

        if (code != BitgetErrors.Success)
        {
            throw BitgetErrors.FromEnvelope(call, code, message, requestTime);
        }

        if (requestTime is not null && UnixTime.FromMilliseconds(requestTime) is null)
        {
            throw call.InvalidResponse("requestTime is not a time", "requestTime");
        }
    }

    /// <summary>The data of a success envelope; an envelope that says success without data is an invalid response.</summary>
    public static TData Data<TData>(ExchangeCall call, string? code, string? message, long? requestTime, TData? data)
        where TData : class
    {
        ThrowIfError(call, code, message, requestTime);
        return data ?? throw call.InvalidResponse("a success envelope (code 00000) without data", "data");
    }
}
