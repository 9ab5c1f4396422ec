using System.Globalization;
using Newtonsoft.Json;

namespace GeneratedClients.Common;

/// <summary>
/// The JSON settings every generated model is read with (both exchanges): exact decimals, no date
/// guessing, no type-name metadata, a bounded depth.
/// </summary>
internal static class WireJson
{
    /// <summary>Settings shared by all clients; built once.</summary>
    public static JsonSerializerSettings Settings { get; } = Create();

    /// <summary>Applies the library's reading rules to settings created by the generated code.</summary>
    public static void Configure(JsonSerializerSettings settings)
    {
        // Why: unknown fields land in AdditionalProperties; reading their numbers as decimal keeps them exact.
        settings.FloatParseHandling = FloatParseHandling.Decimal;
        // Why: a string that looks like a date stays the string the wire sent.
        settings.DateParseHandling = DateParseHandling.None;
        settings.Culture = CultureInfo.InvariantCulture;
        settings.TypeNameHandling = TypeNameHandling.None;
        settings.MetadataPropertyHandling = MetadataPropertyHandling.Ignore;
        settings.MaxDepth = 64;
        // Why: a list sent twice under one key (`"data": [...], "data": [...]`) must not be appended and counted twice.
        settings.ObjectCreationHandling = ObjectCreationHandling.Replace;
        settings.Converters.Add(ExactDecimalConverter.Instance);
        settings.Converters.Add(StrictIntegerConverter.Instance);
    }

    public static JsonSerializer CreateSerializer() => JsonSerializer.Create(Settings);

    private static JsonSerializerSettings Create()
    {
        var settings = new JsonSerializerSettings();
        Configure(settings);
        return settings;
    }
}
