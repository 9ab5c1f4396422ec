
namespace GeneratedClients.Bitget;

/// <summary>Bitget's error codes, mapped to the library's categories.</summary>
internal static class BitgetErrors
{
    public const string Success = "00000";

    public static ExchangeErrorCategory Categorize(string? code, int? httpStatus) => code switch
    {
        "40004" or "40005" or "40008" => ExchangeErrorCategory.TimestampExpired,
        "40001" or "40002" or "40003" or "40006" or "40007" or "40009" or "40010" or "40011" or "40012" or "40037" => ExchangeErrorCategory.Authentication,
        "40014" or "40016" or "40018" => ExchangeErrorCategory.Permission,
        "429" => ExchangeErrorCategory.RateLimited,
        "40200" => ExchangeErrorCategory.ServerError,
        "40017" or "40019" or "40020" or "40034" => ExchangeErrorCategory.BadRequest,
        _ => httpStatus is int status && status is not (>= 200 and < 300) ? ExchangeCall.CategoryOfStatus(status) : ExchangeErrorCategory.Unknown,
    };

    public static ExchangeApiException FromEnvelope(ExchangeCall call, string? code, string? message, long? requestTime)
    {
        var details = call.Details(Categorize(code, call.Status)) with
        {
            ExchangeMessage = string.IsNullOrEmpty(message) ? null : message,
            ExchangeCode = code,
            ExchangeTime = UnixTime.FromMilliseconds(requestTime),
        };
        return ExchangeApiException.Create(details);
    }
}
