using System.Net.Http.Headers;

namespace GeneratedClients.Transport;

// The exchange's Retry-After header, as a wait from now on the call's clock.
internal sealed partial class ExchangeCall
{
    private TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is TimeSpan delta)
        {
            return delta;
        }

        if (header?.Date is DateTimeOffset date)
        {
            var wait = date - _time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private TimeSpan? ReadRetryAfter(IReadOnlyDictionary<string, IEnumerable<string>>? headers)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var (name, values) in headers)
        {
            if (string.Equals(name, "Retry-After", StringComparison.OrdinalIgnoreCase)
                && RetryConditionHeaderValue.TryParse(values.FirstOrDefault(), out var parsed))
            {
                return ReadRetryAfter(parsed);
            }
        }

        return null;
    }
}
