using GeneratedClients.Json;
using Newtonsoft.Json;

namespace GeneratedClients.Bitget;

internal partial class BitgetApi
{
    // Why: request bodies are written with the library's settings (Json/WireJson); responses are read by Json/WireReader.
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WireJson.Configure(settings);
}
