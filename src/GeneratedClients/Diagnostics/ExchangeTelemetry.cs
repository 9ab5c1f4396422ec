using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace GeneratedClients.Diagnostics;

/// <summary>
/// The library's metrics and traces, in System.Diagnostics only (no OpenTelemetry dependency): a <see cref="Meter"/> and
/// an <see cref="ActivitySource"/> both named <see cref="Name"/>. Tag values are low-cardinality and never secret: the
/// exchange, the spec's operationId, an outcome (success or an error category), an HTTP status. Never an API key, a
/// sub-account UID, a URL query or an exchange's message text.
/// </summary>
internal static class ExchangeTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "GeneratedClients";

    public const string ExchangeTag = "exchange";
    public const string OperationTag = "operation";
    public const string OutcomeTag = "outcome";
    public const string ReasonTag = "reason";
    public const string StatusCodeTag = "http.response.status_code";
    public const string ErrorTypeTag = "error.type";
    public const string ExchangeCodeTag = "generatedclients.exchange.code";
    public const string AttemptTag = "generatedclients.attempt";
    public const string WaitTag = "generatedclients.rate_limit.wait";
    public const string Success = "success";
    public const string Canceled = "canceled";

    private static readonly string? Version = typeof(ExchangeTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];

    // Seconds, from 5 ms (a cached answer) to a minute (a Bitget call that waited for its 10 s window, then retried).
    private static readonly IReadOnlyList<double> SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 15, 30, 60];

    private static readonly ConditionalWeakTable<ExchangeClock, string> Clocks = [];

    public static readonly ActivitySource Source = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    public static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "generatedclients.client.requests", "{request}", "Calls made (one per client method call, whatever its retries), by outcome: success or the error category.");

    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram(
        "generatedclients.client.request.duration", "s", "How long a whole call took: rate-limit waits, every attempt and the retry delays.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public static readonly Histogram<double> AttemptDuration = Meter.CreateHistogram(
        "generatedclients.client.attempt.duration", "s", "How long one attempt took, from sending the request to reading the answer (without the rate-limit wait).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public static readonly Histogram<double> RateLimitWait = Meter.CreateHistogram(
        "generatedclients.client.rate_limit.wait", "s", "How long an attempt waited for a permit of the client-side rate limiter.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0, .. SecondsBuckets] });

    public static readonly Counter<long> RateLimitRefused = Meter.CreateCounter<long>(
        "generatedclients.client.rate_limit.refused", "{permit}", "Permits the client-side rate limiter refused (its queue was full); the attempt failed as RateLimited without being sent.");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "generatedclients.client.retries", "{retry}", "Attempts made again after a transient failure, or after a rejected timestamp and a new clock measurement, by the reason's error category.");

    public static readonly Counter<long> SweepSubAccounts = Meter.CreateCounter<long>(
        "generatedclients.client.sweep.sub_accounts", "{sub_account}", "Sub-accounts a sweep finished, by outcome: success or the error category that stopped the sub-account.");

    public static readonly ObservableGauge<double> ClockOffset = Meter.CreateObservableGauge(
        "generatedclients.client.clock.offset", ObserveClockOffsets, "s", "The exchange's clock minus this machine's, as last measured by clock synchronisation (per exchange, the latest measurement of any key).");

    /// <summary>The outcome tag of an error category: the category in snake_case (rate_limited, timestamp_expired, ...).</summary>
    public static string Outcome(ExchangeErrorCategory category) => category switch
    {
        ExchangeErrorCategory.Authentication => "authentication",
        ExchangeErrorCategory.TimestampExpired => "timestamp_expired",
        ExchangeErrorCategory.Permission => "permission",
        ExchangeErrorCategory.RateLimited => "rate_limited",
        ExchangeErrorCategory.ServerError => "server_error",
        ExchangeErrorCategory.NotEnabled => "not_enabled",
        ExchangeErrorCategory.BadRequest => "bad_request",
        ExchangeErrorCategory.InvalidResponse => "invalid_response",
        ExchangeErrorCategory.Network => "network",
        ExchangeErrorCategory.AccountNotFound => "account_not_found",
        ExchangeErrorCategory.RateLimiterUnavailable => "rate_limiter_unavailable",
        _ => "unknown",
    };

    /// <summary>Makes <paramref name="clock"/>'s offset observable under <paramref name="exchange"/> for as long as the clock lives.</summary>
    public static void Track(string exchange, ExchangeClock clock) => Clocks.TryAdd(clock, exchange);

    public static TagList Tags(string exchange, string operation) => new() { { ExchangeTag, exchange }, { OperationTag, operation } };

    public static TagList Tags(string exchange, string operation, string outcome) => new() { { ExchangeTag, exchange }, { OperationTag, operation }, { OutcomeTag, outcome } };

    /// <summary>Marks <paramref name="activity"/> ended by its caller's cancellation.</summary>
    public static void MarkCanceled(Activity? activity)
    {
        activity?.SetStatus(ActivityStatusCode.Error, Canceled);
        activity?.SetTag(ErrorTypeTag, Canceled);
    }

    /// <summary>Marks <paramref name="activity"/> failed with the error's category and the exchange's code (never its message).</summary>
    public static void Failed(Activity? activity, ExchangeApiException error)
    {
        if (activity is null)
        {
            return;
        }

        var outcome = Outcome(error.Category);
        activity.SetStatus(ActivityStatusCode.Error, outcome);
        activity.SetTag(ErrorTypeTag, outcome);
        if (error.ExchangeCode is { Length: > 0 and <= 16 } code && code.All(char.IsAsciiLetterOrDigit))
        {
            activity.SetTag(ExchangeCodeTag, code);
        }

        if (error.HttpStatus is int status)
        {
            activity.SetTag(StatusCodeTag, status);
        }
    }

    private static IEnumerable<Measurement<double>> ObserveClockOffsets()
    {
        var latest = new Dictionary<string, (long Sequence, TimeSpan Offset)>(StringComparer.Ordinal);
        foreach (var (clock, exchange) in Clocks)
        {
            var sequence = clock.MeasurementSequence;
            if (sequence > 0 && (!latest.TryGetValue(exchange, out var seen) || sequence > seen.Sequence))
            {
                latest[exchange] = (sequence, clock.Offset);
            }
        }

        return latest.Select(pair => new Measurement<double>(pair.Value.Offset.TotalSeconds, new KeyValuePair<string, object?>(ExchangeTag, pair.Key)));
    }
}
