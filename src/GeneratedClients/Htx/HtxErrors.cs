using System.Globalization;
using GeneratedClients.Common;

namespace GeneratedClients.Htx;

/// <summary>HTX's error codes, mapped to the library's categories.</summary>
internal static class HtxErrors
{
    public static ExchangeErrorCategory Categorize(int? code) => code switch
    {
        403 or 1003 or 1253 or 12004 => ExchangeErrorCategory.Authentication,
        1032 => ExchangeErrorCategory.RateLimited,
        1010 or 1220 => ExchangeErrorCategory.NotEnabled,
        _ => ExchangeErrorCategory.Unknown,
    };

    public static ExchangeApiException FromEnvelope(ExchangeCall call, int? code, string? message, long? ts)
    {
        var details = call.Details(Categorize(code), string.IsNullOrEmpty(message) ? "(no message)" : message) with
        {
            ExchangeCode = code?.ToString(CultureInfo.InvariantCulture),
            ExchangeTime = UnixTime.FromMilliseconds(ts),
        };
        return ExchangeApiException.Create(details);
    }
}
