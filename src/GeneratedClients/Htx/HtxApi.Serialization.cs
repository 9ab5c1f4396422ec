using GeneratedClients.Common;
using Newtonsoft.Json;

namespace GeneratedClients.Htx;

internal partial class HtxApi
{
    // Why: the generated models are read with the library's exact-decimal rules (Common/WireJson).
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WireJson.Configure(settings);
}
