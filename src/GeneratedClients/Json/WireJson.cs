using System.Globalization;
using Newtonsoft.Json;

namespace GeneratedClients.Json;

/// <summary>
/// The Newtonsoft settings of the generated transports, which use them to write request bodies (HTX's JSON body):
/// invariant culture, no type-name metadata, no date guessing. Responses are read by <see cref="WireReader"/>.
/// </summary>
internal static class WireJson
{
    /// <summary>Applies the library's rules to settings created by the generated code.</summary>
    public static void Configure(JsonSerializerSettings settings)
    {
        settings.Culture = CultureInfo.InvariantCulture;
        settings.DateParseHandling = DateParseHandling.None;
        settings.TypeNameHandling = TypeNameHandling.None;
        settings.MetadataPropertyHandling = MetadataPropertyHandling.Ignore;
        settings.MaxDepth = 64;
    }
}
