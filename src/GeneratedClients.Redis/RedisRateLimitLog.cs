using Microsoft.Extensions.Logging;

namespace GeneratedClients.Redis;

/// <summary>The log lines of the shared limit: the exchange, the outage's cause (an exception type) and durations; never a key or its hash.</summary>
internal static partial class RedisRateLimitLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning,
        Message = "{Exchange} shared rate limit: Redis did not answer ({Reason}); using the local fallback limiter of {Permits} per {WindowMs} ms until it does")]
    public static partial void FallbackEntered(ILogger logger, string exchange, string reason, int permits, long windowMs);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information,
        Message = "{Exchange} shared rate limit: Redis answers again after {OutageMs} ms; leaving the local fallback limiter")]
    public static partial void FallbackLeft(ILogger logger, string exchange, long outageMs);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning,
        Message = "{Exchange} shared rate limit: Redis did not answer ({Reason}); requests fail until it does (no fallback configured)")]
    public static partial void Unreachable(ILogger logger, string exchange, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information,
        Message = "{Exchange} shared rate limit: Redis answers again after {OutageMs} ms")]
    public static partial void Reachable(ILogger logger, string exchange, long outageMs);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug,
        Message = "{Exchange} shared rate limit: a release could not be sent to Redis ({Reason}); the grant counts until its in-flight bound")]
    public static partial void ReleaseNotSent(ILogger logger, string exchange, string reason);
}
