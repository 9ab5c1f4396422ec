using GeneratedClients.Common;
using Newtonsoft.Json;

namespace GeneratedClients.Bitget;

internal partial class BitgetApi
{
    // Why: the generated models are read with the library's exact-decimal rules (Common/WireJson).
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WireJson.Configure(settings);
}
