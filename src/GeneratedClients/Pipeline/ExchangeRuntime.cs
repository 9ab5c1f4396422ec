using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace GeneratedClients.Pipeline;

/// <summary>
/// What turns one signed request into a production call: the shared rate limiter, retries of
/// transient failures, the per-attempt timeout, the clock synchronised with the exchange, and one log
/// line per attempt. Every attempt builds, signs and sends a new request. A plain runtime has all of
/// it off: one call, one request.
/// </summary>
internal sealed class ExchangeRuntime
{
    private readonly string _exchange;
    private readonly Func<string, ExchangeRateLimit, RateLimiter>? _limiterFor;
    private readonly ResiliencePipeline _retry;
    private readonly TimeSpan? _timeout;
    private readonly TimeProvider _local;
    private readonly ExchangeClock? _clock;
    private readonly ILogger _logger;

    private ExchangeRuntime(string exchange, TimeProvider local, Func<string, ExchangeRateLimit, RateLimiter>? limiterFor, ResiliencePipeline retry, TimeSpan? timeout, ExchangeClock? clock, ILogger logger)
    {
        _exchange = exchange;
        _local = local;
        _limiterFor = limiterFor;
        _retry = retry;
        _timeout = timeout;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The clock request timestamps come from (synchronised when clock sync is on).</summary>
    public TimeProvider Clock => (TimeProvider?)_clock ?? _local;

    /// <summary>Says once, at Information, where a new client sends its requests (a test gateway or the live exchange).</summary>
    public void LogAddress(string baseAddress) => ExchangeLog.SendsTo(_logger, _exchange, baseAddress);

    /// <summary>The caller's clock (the client's TimeProvider), unsynchronised: for the server-time request itself.</summary>
    public TimeProvider LocalClock => _local;

    /// <summary>The measured offset to the exchange's clock (zero without clock sync).</summary>
    public TimeSpan ClockOffset => _clock?.Offset ?? TimeSpan.Zero;

    /// <summary>True once the exchange's server time has been measured (false without clock sync).</summary>
    public bool ClockMeasured => _clock?.Measured ?? false;

    /// <summary>Why the latest measurement of the server time failed; null when it succeeded or none was made.</summary>
    public ExchangeApiException? ClockSyncError => _clock?.LastFailure;

    public static ExchangeRuntime Plain(string exchange, TimeProvider? time) =>
        new(exchange, time ?? TimeProvider.System, null, ResiliencePipeline.Empty, null, null, NullLogger.Instance);

    public static ExchangeRuntime Create(string exchange, ExchangeClientOptions options, string credentialKey, TimeProvider? time, ILogger? logger, RateLimiterRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var local = time ?? TimeProvider.System;
        logger ??= NullLogger.Instance;
        var limits = options.RateLimit;
        registry = limits.Registry ?? registry ?? RateLimiterRegistry.Default;
        // One limiter per limit group and key (an exchange limits each endpoint family on its own), built-in or from the
        // caller's factory; a limiter of the caller's own (RateLimit:Limiter) serves every group; PermitLimit/Window
        // override every documented limit.
        var factory = limits.LimiterFactory
            ?? ((group, limit, _, clock) => limit.CreateLimiter(clock, limits.SafetyMargin));
        Func<string, ExchangeRateLimit, RateLimiter>? limiterFor = !limits.Enabled ? null
            : limits.Limiter is { } own ? (_, _) => own
            : (group, documented) => registry.GetOrAdd(group, credentialKey, () =>
                factory(group, new ExchangeRateLimit(limits.PermitLimit ?? documented.PermitLimit, limits.Window ?? documented.Window), credentialKey, local));
        // Why shared: the offset belongs to the key's exchange and this local clock, not to a client; one measurement serves all.
        var clock = options.ClockSync.Enabled ? registry.GetOrAddClock(exchange, credentialKey, local, () => new ExchangeClock(local, options.ClockSync.RefreshInterval)) : null;
        if (clock is not null)
        {
            ExchangeTelemetry.Track(exchange, clock);
        }
        return new(exchange, local, limiterFor, BuildRetry(exchange, options.Retry, local, logger), options.Timeout, clock, logger);
    }

    /// <summary>
    /// Runs a call: each attempt waits for the rate limiter, gets a fresh <see cref="ExchangeCall"/>
    /// and the synchronised clock, and is logged. Transient failures are retried; a rejected timestamp
    /// resynchronises the clock and is tried once more. The call is one span (attempts are child spans) and is
    /// counted and timed in the <c>GeneratedClients</c> meter.
    /// </summary>
    /// <param name="operation">The spec's operationId (telemetry's operation tag).</param>
    /// <param name="attempt">Builds, signs and sends one attempt.</param>
    /// <param name="limit">The call's limit group (the registry's key: the exchange, or the exchange and endpoint) and its documented limit.</param>
    /// <param name="maxResponseBytes">Bodies larger than this are refused.</param>
    /// <param name="serverTime">Reads the exchange's time, for clock synchronisation.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public async Task<T> ExecuteAsync<T>(
        string operation,
        Func<ExchangeCall, TimeProvider, CancellationToken, Task<T>> attempt,
        (string Group, ExchangeRateLimit Documented) limit,
        long maxResponseBytes,
        Func<CancellationToken, Task<DateTimeOffset>> serverTime,
        CancellationToken cancellationToken)
    {
        // Why HasListeners first: the span's name would be built (and allocated) on every call otherwise.
        using var activity = ExchangeTelemetry.Source.HasListeners() ? ExchangeTelemetry.Source.StartActivity($"{_exchange} {operation}", ActivityKind.Client) : null;
        activity?.SetTag(ExchangeTelemetry.ExchangeTag, _exchange);
        activity?.SetTag(ExchangeTelemetry.OperationTag, operation);
        var started = Stopwatch.GetTimestamp();
        var outcome = ExchangeTelemetry.Success;
        try
        {
            if (_clock is not null)
            {
                serverTime = BoundedByTimeout(serverTime);
                await _clock.EnsureFreshAsync(serverTime, ClockSyncFailed, cancellationToken).ConfigureAwait(false);
            }

            var limiter = _limiterFor?.Invoke(limit.Group, limit.Documented);
            var attempts = 0;
            string? retryReason = null;
            return await _retry.ExecuteAsync(
                async token =>
                {
                    for (var resynced = false; ; resynced = true)
                    {
                        if (attempts > 0 && ExchangeTelemetry.Retries.Enabled)
                        {
                            var tags = ExchangeTelemetry.Tags(_exchange, operation);
                            tags.Add(ExchangeTelemetry.ReasonTag, retryReason ?? "unknown");
                            ExchangeTelemetry.Retries.Add(1, tags);
                        }

                        try
                        {
                            return await AttemptAsync(operation, attempt, limiter, maxResponseBytes, ++attempts, token).ConfigureAwait(false);
                        }
                        catch (ExchangeApiException error)
                        {
                            retryReason = ExchangeTelemetry.Outcome(error.Category);
                            if (error is not ExchangeTimestampException || _clock is null || resynced)
                            {
                                throw;
                            }

                            ExchangeLog.TimestampRejected(_logger, _exchange);
                            await _clock.SyncAsync(serverTime, ClockSyncFailed, force: true, token).ConfigureAwait(false);
                            ExchangeLog.ClockSynchronised(_logger, _exchange, (long)_clock.Offset.TotalMilliseconds);
                        }
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ExchangeApiException error)
        {
            outcome = ExchangeTelemetry.Outcome(error.Category);
            ExchangeTelemetry.Failed(activity, error);
            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = ExchangeTelemetry.Canceled;
            ExchangeTelemetry.MarkCanceled(activity);
            throw;
        }
        finally
        {
            if (ExchangeTelemetry.Requests.Enabled || ExchangeTelemetry.RequestDuration.Enabled)
            {
                var tags = ExchangeTelemetry.Tags(_exchange, operation, outcome);
                ExchangeTelemetry.Requests.Add(1, tags);
                ExchangeTelemetry.RequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
            }
        }
    }

    /// <summary>The server-time request gets the same per-attempt timeout as any other request.</summary>
    private Func<CancellationToken, Task<DateTimeOffset>> BoundedByTimeout(Func<CancellationToken, Task<DateTimeOffset>> serverTime) =>
        _timeout is not TimeSpan limit ? serverTime : async token =>
        {
            using var timeout = new CancellationTokenSource(limit, _local);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
            return await serverTime(linked.Token).ConfigureAwait(false);
        };

    private async Task<T> AttemptAsync<T>(string operation, Func<ExchangeCall, TimeProvider, CancellationToken, Task<T>> attempt, RateLimiter? limiter, long maxResponseBytes, int number, CancellationToken cancellationToken)
    {
        using var activity = ExchangeTelemetry.Source.HasListeners() ? ExchangeTelemetry.Source.StartActivity($"{_exchange} {operation} attempt", ActivityKind.Internal) : null;
        activity?.SetTag(ExchangeTelemetry.AttemptTag, number);

        // The lease is held until the answer is in: disposing it then tells the limiter when the request was
        // certainly at the exchange, so a request that was slow to arrive still counts a full window from there.
        using var lease = limiter is null ? null : await PermitAsync(limiter, operation, activity, cancellationToken).ConfigureAwait(false);
        var call = new ExchangeCall(_exchange, maxResponseBytes, _local);
        var started = _local.GetTimestamp();
        var measured = Stopwatch.GetTimestamp();
        using var timeout = _timeout is TimeSpan limit ? new CancellationTokenSource(limit, _local) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var result = await attempt(call, Clock, linked?.Token ?? cancellationToken).ConfigureAwait(false);
            var elapsed = Elapsed(started);
            RecordAttempt(operation, ExchangeTelemetry.Success, call.Status, measured, activity);
            ExchangeLog.Request(_logger, _exchange, call.Method, call.Path, call.Status, number, elapsed);
            if (call.Deviations.Count > 0 && _logger.IsEnabled(LogLevel.Debug))
            {
                var summary = string.Join("; ", WireDeviation.Summarize(call.Deviations).Select(d => $"{d.FieldPattern} {d.Kind} x{d.Count}"));
                ExchangeLog.ReadPast(_logger, _exchange, call.Path, call.Deviations.Count, summary);
            }

            return result;
        }
        catch (OperationCanceledException canceled) when (timeout is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            var error = ExchangeApiException.Create(call.Details(ExchangeErrorCategory.Network, $"the exchange did not answer within {_timeout!.Value.TotalSeconds:0.###} s (Timeout)"), canceled);
            Log(call, error, number, started);
            RecordAttempt(operation, ExchangeTelemetry.Outcome(error.Category), call.Status, measured, activity);
            ExchangeTelemetry.Failed(activity, error);
            throw error;
        }
        catch (ExchangeApiException error)
        {
            Log(call, error, number, started);
            RecordAttempt(operation, ExchangeTelemetry.Outcome(error.Category), error.HttpStatus ?? call.Status, measured, activity);
            ExchangeTelemetry.Failed(activity, error);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            RecordAttempt(operation, ExchangeTelemetry.Canceled, call.Status, measured, activity);
            ExchangeTelemetry.MarkCanceled(activity);
            throw;
        }
    }

    /// <summary>
    /// A permit for one attempt. A refusal (the limiter's queue is full) or a limiter that cannot be consulted (a
    /// shared one whose store is down) fails the attempt before anything is sent, recorded like any failed attempt.
    /// </summary>
    private async Task<RateLimitLease> PermitAsync(RateLimiter limiter, string operation, Activity? activity, CancellationToken cancellationToken)
    {
        var measured = Stopwatch.GetTimestamp();
        try
        {
            var lease = await AcquireAsync(limiter, operation, activity, cancellationToken).ConfigureAwait(false);
            if (lease.IsAcquired)
            {
                return lease;
            }

            ExchangeTelemetry.RateLimitRefused.Add(1, ExchangeTelemetry.Tags(_exchange, operation));
            lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
            lease.Dispose();
            throw ExchangeApiException.Create(new ExchangeErrorDetails
            {
                Exchange = _exchange,
                Category = ExchangeErrorCategory.RateLimited,
                Description = "the client-side rate limiter refused the request (its queue is full)",
                RetryAfter = retryAfter,
            });
        }
        catch (ExchangeApiException error)
        {
            // Why the copy: a limiter of the caller's (RateLimit.LimiterFactory) names its limit group ("Bitget-accounts"); the error names the exchange.
            var typed = error.Exchange == _exchange ? error : error.WithDetails(error.Details with { Exchange = _exchange });
            RecordAttempt(operation, ExchangeTelemetry.Outcome(typed.Category), null, measured, activity);
            ExchangeTelemetry.Failed(activity, typed);
            if (ReferenceEquals(typed, error))
            {
                throw;
            }

            throw typed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            RecordAttempt(operation, ExchangeTelemetry.Canceled, null, measured, activity);
            ExchangeTelemetry.MarkCanceled(activity);
            throw;
        }
    }

    /// <summary>Waits for a permit; the wait is recorded (histogram, and an event on the attempt's span when it was not instant).</summary>
    private async ValueTask<RateLimitLease> AcquireAsync(RateLimiter limiter, string operation, Activity? activity, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        var waited = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (ExchangeTelemetry.RateLimitWait.Enabled)
        {
            ExchangeTelemetry.RateLimitWait.Record(waited, ExchangeTelemetry.Tags(_exchange, operation));
        }

        if (activity is not null && waited >= 0.001)
        {
            activity.AddEvent(new ActivityEvent("rate_limit.wait", tags: new ActivityTagsCollection { [ExchangeTelemetry.WaitTag] = waited }));
        }

        return lease;
    }

    private void RecordAttempt(string operation, string outcome, int? status, long started, Activity? activity)
    {
        if (status is int code)
        {
            activity?.SetTag(ExchangeTelemetry.StatusCodeTag, code);
        }

        if (!ExchangeTelemetry.AttemptDuration.Enabled)
        {
            return;
        }

        var tags = ExchangeTelemetry.Tags(_exchange, operation, outcome);
        if (status is int value)
        {
            tags.Add(ExchangeTelemetry.StatusCodeTag, value);
        }

        ExchangeTelemetry.AttemptDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
    }

    private void Log(ExchangeCall call, ExchangeApiException error, int number, long started)
    {
        var elapsed = Elapsed(started);
        ExchangeLog.RequestFailed(_logger, _exchange, call.Method ?? error.RequestMethod, call.Path ?? error.RequestPath, error.HttpStatus, error.ExchangeCode, number, elapsed, error.Category);
    }

    private long Elapsed(long started) => (long)_local.GetElapsedTime(started).TotalMilliseconds;

    private void ClockSyncFailed(Exception error)
    {
        var typed = error as ExchangeApiException
            ?? ExchangeApiException.Create(new ExchangeErrorDetails { Exchange = _exchange, Description = error.GetType().Name }, error);
        if (typed.Exchange != _exchange)
        {
            typed = typed.WithDetails(typed.Details with { Exchange = _exchange });
        }

        _clock!.LastFailure = typed;
        ExchangeLog.ClockSyncFailed(_logger, _exchange, typed.Category + ": " + (typed.ExchangeMessage ?? typed.Details.Description));
    }

    private static ResiliencePipeline BuildRetry(string exchange, ExchangeRetryOptions retry, TimeProvider time, ILogger logger)
    {
        if (!retry.Enabled || retry.MaxRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // Why: both endpoints are reads, so sending again is safe; only failures that can pass are retried.
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is ExchangeApiException { IsTransient: true }),
                MaxRetryAttempts = retry.MaxRetries,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = retry.UseJitter,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is ExchangeApiException { Details.RetryAfter: TimeSpan wait }
                        ? (TimeSpan?)(wait < retry.MaxDelay ? wait : retry.MaxDelay)
                        : null),
                OnRetry = args =>
                {
                    var category = (args.Outcome.Exception as ExchangeApiException)?.Category ?? ExchangeErrorCategory.Unknown;
                    ExchangeLog.Retrying(logger, exchange, (long)args.RetryDelay.TotalMilliseconds, category, args.AttemptNumber + 1);
                    return default;
                },
            })
            .Build();
    }
}
