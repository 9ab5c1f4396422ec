using Microsoft.Extensions.Logging;

namespace GeneratedClients.Pipeline;

/// <summary>The library's log lines. Values are the request's shape only: never a key, secret, passphrase or signature.</summary>
internal static partial class ExchangeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Exchange} {Method} {Path} -> {Status} attempt {Attempt} in {DurationMs} ms")]
    public static partial void Request(ILogger logger, string exchange, string? method, string? path, int? status, int attempt, long durationMs);

    // The failure line in three shapes, so that a value the failure does not have (no response, no exchange code) is
    // left out rather than printed empty.
    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "{Exchange} {Method} {Path} -> {Status} code {ExchangeCode} attempt {Attempt} in {DurationMs} ms failed: {Category}")]
    private static partial void RequestFailedWithCode(ILogger logger, string exchange, string? method, string? path, int? status, string exchangeCode, int attempt, long durationMs, ExchangeErrorCategory category);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "{Exchange} {Method} {Path} -> {Status} attempt {Attempt} in {DurationMs} ms failed: {Category}")]
    private static partial void RequestFailedWithStatus(ILogger logger, string exchange, string? method, string? path, int status, int attempt, long durationMs, ExchangeErrorCategory category);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "{Exchange} {Method} {Path} -> no response, attempt {Attempt} in {DurationMs} ms failed: {Category}")]
    private static partial void RequestFailedWithoutResponse(ILogger logger, string exchange, string? method, string? path, int attempt, long durationMs, ExchangeErrorCategory category);

    public static void RequestFailed(ILogger logger, string exchange, string? method, string? path, int? status, string? exchangeCode, int attempt, long durationMs, ExchangeErrorCategory category)
    {
        if (exchangeCode is not null)
        {
            RequestFailedWithCode(logger, exchange, method, path, status, exchangeCode, attempt, durationMs, category);
        }
        else if (status is int code)
        {
            RequestFailedWithStatus(logger, exchange, method, path, code, attempt, durationMs, category);
        }
        else
        {
            RequestFailedWithoutResponse(logger, exchange, method, path, attempt, durationMs, category);
        }
    }

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

    [LoggerMessage(EventId = 8, Level = LogLevel.Information,
        Message = "{Exchange} client sends to {BaseAddress}")]
    public static partial void SendsTo(ILogger logger, string exchange, string baseAddress);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "{Exchange} rejected the request timestamp; resynchronising the clock and trying once more")]
    public static partial void TimestampRejected(ILogger logger, string exchange);
}
