using System.Globalization;
using StackExchange.Redis;

namespace GeneratedClients.Redis;

// Redis not answering: when to ask it again during an outage, the outage's start and end (each logged once), and the typed error.
public sealed partial class RedisSlidingLogRateLimiter
{
    /// <summary>
    /// False when the fallback should serve without asking Redis (an outage, between probes). True otherwise;
    /// <paramref name="probing"/> is then true if this caller is the one probing Redis during an outage.
    /// </summary>
    private bool TryStartRedisCall(out bool probing)
    {
        probing = false;
        if (_fallback is null || !_usingFallback)
        {
            return true;
        }

        if (_time.GetTimestamp() < Interlocked.Read(ref _nextProbe) || Interlocked.CompareExchange(ref _probing, 1, 0) != 0)
        {
            return false;
        }

        probing = true;
        return true;
    }

    /// <summary>Redis answered: ends an outage, if there was one, and says so once.</summary>
    private void Answered()
    {
        if (Interlocked.Read(ref _outageSince) == 0)
        {
            return;
        }

        long since;
        lock (_gate)
        {
            since = _outageSince;
            if (since == 0)
            {
                return;
            }

            _outageSince = 0;
            _usingFallback = false;
        }

        var outageMs = (long)_time.GetElapsedTime(since).TotalMilliseconds;
        if (_fallback is null)
        {
            RedisRateLimitLog.Reachable(_logger, Exchange, outageMs);
        }
        else
        {
            RedisRateLimitLog.FallbackLeft(_logger, Exchange, outageMs);
        }
    }

    /// <summary>Redis failed: starts an outage, if there was none, and says so once; schedules the next probe.</summary>
    private void Failed(Exception error)
    {
        var now = _time.GetTimestamp();
        Interlocked.Exchange(ref _nextProbe, now + (long)(FallbackProbeInterval.TotalSeconds * _time.TimestampFrequency));
        lock (_gate)
        {
            if (_outageSince != 0)
            {
                return;
            }

            _outageSince = now;
            _usingFallback = _fallback is not null;
        }

        var reason = Describe(error);
        if (_fallback is null)
        {
            RedisRateLimitLog.Unreachable(_logger, Exchange, reason);
        }
        else
        {
            RedisRateLimitLog.FallbackEntered(_logger, Exchange, reason, _fallback.PermitLimit, (long)(_fallback.Window + _fallback.SafetyMargin).TotalMilliseconds);
        }
    }

    private string Describe(Exception error) => error switch
    {
        RedisTimeoutException => "RedisTimeoutException",
        TimeoutException => string.Create(CultureInfo.InvariantCulture, $"no answer within {_options.OperationTimeout.TotalMilliseconds:0} ms"),
        _ => error.GetType().Name,
    };

    private ExchangeApiException Unreachable(Exception error)
    {
        Interlocked.Increment(ref _failedLeases);
        return ExchangeApiException.Create(
            new ExchangeErrorDetails
            {
                Exchange = Exchange,
                Category = ExchangeErrorCategory.RateLimiterUnavailable,
                Description = string.Create(
                    CultureInfo.InvariantCulture,
                    $"the shared rate limit in Redis could not be checked ({Describe(error)}; operation timeout {_options.OperationTimeout.TotalMilliseconds:0} ms), so the request was not sent"),
            },
            error);
    }
}
