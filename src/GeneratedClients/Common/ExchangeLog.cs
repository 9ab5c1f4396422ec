using Microsoft.Extensions.Logging;

namespace GeneratedClients.Common;

/// <summary>The library's log lines. Values are the request's shape only: never a key, secret, passphrase or signature.</summary>
internal static partial class ExchangeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Exchange} {Method} {Path} -> {Status} code {ExchangeCode} attempt {Attempt} in {DurationMs} ms")]
    public static partial void Request(ILogger logger, string exchange, string? method, string? path, int? status, string? exchangeCode, int attempt, long durationMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "{Exchange} {Method} {Path} -> {Status} code {ExchangeCode} attempt {Attempt} in {DurationMs} ms failed: {Category}")]
    public static partial void RequestFailed(ILogger logger, string exchange, string? method, string? path, int? status, string? exchangeCode, int attempt, long durationMs, ExchangeErrorCategory category);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "{Exchange} retrying in {DelayMs} ms after {Category} (retry {Retry})")]
    public static partial void Retrying(ILogger logger, string exchange, long delayMs, ExchangeErrorCategory category, int retry);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "{Exchange} clock offset to the server is {OffsetMs} ms")]
    public static partial void ClockSynchronised(ILogger logger, string exchange, long offsetMs);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "{Exchange} could not read the server time; keeping the previous clock offset: {Reason}")]
    public static partial void ClockSyncFailed(ILogger logger, string exchange, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug,
        Message = "{Exchange} {Path}: read past {Count} deviations from the documented contract: {Summary}")]
    public static partial void ReadPast(ILogger logger, string exchange, string? path, int count, string summary);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "{Exchange} rejected the request timestamp; resynchronising the clock and trying once more")]
    public static partial void TimestampRejected(ILogger logger, string exchange);
}
