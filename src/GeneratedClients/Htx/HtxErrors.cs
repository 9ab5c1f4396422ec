using System.Globalization;

namespace GeneratedClients.Htx;

/// <summary>HTX's error codes, mapped to the library's categories.</summary>
internal static class HtxErrors
{
    public static ExchangeErrorCategory Categorize(int? code) => code switch
    {
        403 or 1003 or 1253 or 12004 => ExchangeErrorCategory.Authentication,
        1032 => ExchangeErrorCategory.RateLimited,
        // 1220: contract trading not opened; 4002: the sub-account is in unified-account mode (the merged cross and
        // isolated margin account is unavailable here). Neither is fixed by a retry or another key.
        1220 or 4002 => ExchangeErrorCategory.NotEnabled,
        1010 => ExchangeErrorCategory.AccountNotFound,
        _ => ExchangeErrorCategory.Unknown,
    };

    public static ExchangeApiException FromEnvelope(ExchangeCall call, int? code, string? message, long? ts)
    {
        var details = call.Details(Categorize(code)) with
        {
            ExchangeMessage = string.IsNullOrEmpty(message) ? null : message,
            ExchangeCode = code?.ToString(CultureInfo.InvariantCulture),
            ExchangeTime = UnixTime.FromMilliseconds(ts),
        };
        return ExchangeApiException.Create(details);
    }
}
