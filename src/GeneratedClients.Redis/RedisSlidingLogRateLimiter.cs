using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace GeneratedClients.Redis;

/// <summary>
/// A rate limiter whose log lives in Redis, so that every process and machine using the same API key keeps,
/// together, to the exchange's limit "at most <see cref="PermitLimit"/> requests in any <see cref="Window"/>":
/// an exact sliding log across processes. Build it with <see cref="RedisRateLimiter.ForKey(IConnectionMultiplexer, string, string, ExchangeRateLimit, RedisRateLimitOptions?, TimeProvider?, ILogger?)"/>
/// and give it to a client as <see cref="ExchangeRateLimitOptions.Limiter"/>.
/// </summary>
/// <remarks>
/// <para>
/// A request counts the way the exchange may count it: from its grant until its lease is disposed (its answer
/// is in), then a full <see cref="Window"/> + <see cref="SafetyMargin"/> more. A grant is made only while fewer
/// than <see cref="PermitLimit"/> requests count, so no interval of length <see cref="Window"/> +
/// <see cref="SafetyMargin"/> holds the arrivals of more than <see cref="PermitLimit"/> of them, wherever each
/// arrived between its grant and its answer. A lease that is never disposed (its process died) counts until
/// <see cref="MaxInFlight"/> after its grant, then a full window more: never less, and not forever.
/// </para>
/// <para>
/// Every decision is one Lua script in Redis over one sorted set, reading Redis's clock, so local clocks do not
/// matter. When the limit is full the script says how long until a permit may free up; the acquisition joins
/// this limiter's queue, and the first in it waits that long with the <see cref="TimeProvider"/> (cancellable)
/// and asks again, so one caller per process asks Redis and a process serves its callers in order (across
/// processes there is no order). A lease's release is sent to Redis without waiting for the answer; if it is
/// lost the grant simply counts until its in-flight bound.
/// </para>
/// <para>
/// When Redis does not answer within <see cref="RedisRateLimitOptions.OperationTimeout"/>, an acquisition fails
/// with an <see cref="ExchangeApiException"/> of category <see cref="ExchangeErrorCategory.RateLimiterUnavailable"/>
/// (not transient: the client does not retry it, so the call fails within about that timeout), or, with
/// <see cref="RedisRateLimitOptions.FallbackShare"/> set, is served by a local <see cref="SlidingLogRateLimiter"/>
/// of <see cref="FallbackPermitLimit"/> permits until Redis answers again. Nothing is cached between calls, so
/// calls use Redis again as soon as the connection multiplexer has reconnected.
/// </para>
/// </remarks>
public sealed partial class RedisSlidingLogRateLimiter : RateLimiter
{
    // While the fallback serves, Redis is tried again at most this often (by one acquisition at a time).
    private static readonly TimeSpan FallbackProbeInterval = TimeSpan.FromSeconds(1);

    private static readonly RateLimitLease NothingHeld = new GrantedLease();

    private readonly RedisSlidingLog _log;
    private readonly RedisRateLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SlidingLogRateLimiter? _fallback;
    private readonly CancellationTokenSource _disposing = new();
    private readonly Lock _gate = new();
    private readonly long _origin;

    // Redis's clock minus the local one, in µs, measured at the last answer; long.MinValue until the first answer.
    private long _redisOffset = long.MinValue;

    // The acquisitions of this limiter waiting for a permit, in order (guarded by _gate).
    private readonly LinkedList<Waiter> _queue = new();
    private int _active;
    private long _idleSince;
    private long _lastHeld;
    private long _successfulLeases;
    private long _failedLeases;

    // The current outage (guarded by _gate): when it began (local timestamp), 0 when Redis answers.
    private long _outageSince;
    private long _nextProbe;
    private int _probing;
    private volatile bool _usingFallback;
    private volatile bool _disposed;

    internal RedisSlidingLogRateLimiter(
        IDatabaseAsync database,
        string exchange,
        string key,
        int permitLimit,
        TimeSpan window,
        RedisRateLimitOptions options,
        SlidingLogRateLimiter? fallback,
        TimeProvider time,
        ILogger? logger)
    {
        Exchange = exchange;
        Key = key;
        PermitLimit = permitLimit;
        Window = window;
        _options = options;
        _fallback = fallback;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _log = new RedisSlidingLog(database, key, permitLimit, window + options.SafetyMargin, options.MaxInFlight);
        _origin = time.GetTimestamp();
        _idleSince = _origin;
    }

    /// <summary>The exchange name the limiter was built for, as given (it also names the exchange in errors).</summary>
    public string Exchange { get; }

    /// <summary>
    /// The Redis key of the shared log: <c>{KeyPrefix}:{exchange in lower case}:{lower-case hex SHA-256 of the API key}</c>.
    /// A sorted set whose members are random grant ids and whose scores are microseconds since the Unix epoch
    /// (Redis time); it expires by itself when its last grant stops counting.
    /// </summary>
    public string Key { get; }

    /// <summary>The most requests that may count at once: the exchange's limit per <see cref="Window"/>.</summary>
    public int PermitLimit { get; }

    /// <summary>The exchange's window.</summary>
    public TimeSpan Window { get; }

    /// <summary>The extra time a request counts after <see cref="Window"/> (<see cref="RedisRateLimitOptions.SafetyMargin"/>).</summary>
    public TimeSpan SafetyMargin => _options.SafetyMargin;

    /// <summary>How long after its grant an undisposed lease stops being counted as in flight (<see cref="RedisRateLimitOptions.MaxInFlight"/>).</summary>
    public TimeSpan MaxInFlight => _options.MaxInFlight;

    /// <summary>The permits per window of the local fallback limiter; null when no fallback is configured.</summary>
    public int? FallbackPermitLimit => _fallback?.PermitLimit;

    /// <summary>True while Redis does not answer and acquisitions are served by the local fallback limiter.</summary>
    public bool IsUsingFallback => _usingFallback;

    /// <summary>
    /// This process's view: null while an acquisition of this limiter waits or a lease it granted is not yet
    /// disposed; otherwise the time since that was last the case. (The shared log keeps counting the grants for
    /// a window more.)
    /// </summary>
    public override TimeSpan? IdleDuration =>
        Volatile.Read(ref _active) > 0 ? null : _time.GetElapsedTime(Interlocked.Read(ref _idleSince));

    /// <summary>
    /// A snapshot as this process last saw it: the permits free at the last answer from Redis, the acquisitions
    /// of this limiter now waiting, and the leases it granted and refused so far. Makes no call to Redis.
    /// </summary>
    /// <returns>The statistics.</returns>
    /// <exception cref="ObjectDisposedException">The limiter has been disposed.</exception>
    public override RateLimiterStatistics? GetStatistics()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new RateLimiterStatistics
        {
            CurrentAvailablePermits = Math.Max(0, PermitLimit - Interlocked.Read(ref _lastHeld)),
            CurrentQueuedCount = QueueLength,
            TotalSuccessfulLeases = Interlocked.Read(ref _successfulLeases),
            TotalFailedLeases = Interlocked.Read(ref _failedLeases),
        };
    }

    /// <summary>
    /// Asks Redis once (a blocking round trip of at most <see cref="RedisRateLimitOptions.OperationTimeout"/>), without
    /// queueing behind waiting acquisitions: grants <paramref name="permitCount"/> permits if they are free, else returns a lease that is not acquired
    /// whose <see cref="MetadataName.RetryAfter"/> is the time until a permit may free up. A count of 0 asks
    /// whether a permit is free, without using one.
    /// </summary>
    /// <param name="permitCount">0 to <see cref="PermitLimit"/>.</param>
    /// <returns>The lease; dispose it when the request's answer is in.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permitCount"/> is negative or exceeds <see cref="PermitLimit"/>.</exception>
    /// <exception cref="ObjectDisposedException">The limiter has been disposed.</exception>
    /// <exception cref="ExchangeApiException">Redis did not answer in time and no fallback is configured (<see cref="ExchangeErrorCategory.RateLimiterUnavailable"/>).</exception>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckPermitCount(permitCount);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!TryStartRedisCall(out var probing))
        {
            return Served(_fallback!.AttemptAcquire(permitCount));
        }

        // Why blocking: the RateLimiter contract makes this method synchronous; the wait is bounded by OperationTimeout.
        var member = NewMember();
        var (attempt, failure) = CallRedisAsync(permitCount, member, probing, CancellationToken.None).GetAwaiter().GetResult();
        if (failure is not null)
        {
            return _fallback is null ? throw Unreachable(failure) : Served(_fallback.AttemptAcquire(permitCount));
        }

        return attempt.Answer == RedisAnswer.Granted
            ? Granted(member, permitCount)
            : Refused(attempt.Answer == RedisAnswer.Full ? attempt.WaitMicroseconds : 0);
    }

    /// <summary>
    /// Grants <paramref name="permitCount"/> permits as soon as the shared log has room for them: asks Redis, and
    /// while the limit is full waits as long as Redis says a permit needs to free up, then asks again. Refused
    /// at once (a lease that is not acquired, with <see cref="MetadataName.RetryAfter"/>) when it would have to
    /// wait while <see cref="RedisRateLimitOptions.QueueLimit"/> acquisitions of this limiter already wait.
    /// A count of 0 waits until a permit is free, without using one.
    /// </summary>
    /// <param name="permitCount">0 to <see cref="PermitLimit"/>.</param>
    /// <param name="cancellationToken">Cancels the wait; the task then ends with an <see cref="OperationCanceledException"/> and no permit is held.</param>
    /// <returns>The lease; dispose it when the request's answer is in.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permitCount"/> is negative or exceeds <see cref="PermitLimit"/>.</exception>
    /// <exception cref="ObjectDisposedException">The limiter has been (or is, while waiting) disposed.</exception>
    /// <exception cref="ExchangeApiException">
    /// Redis did not answer within <see cref="RedisRateLimitOptions.OperationTimeout"/> and no fallback is
    /// configured; no request may be sent. Its category is <see cref="ExchangeErrorCategory.RateLimiterUnavailable"/>,
    /// its message says why, and the inner exception is the Redis client's.
    /// </exception>
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckPermitCount(permitCount);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        var token = linked.Token;
        Waiter? waiter = null;
        Interlocked.Increment(ref _active);
        try
        {
            var wait = 0L;
            while (true)
            {
                if (waiter is not null)
                {
                    // Only the head of this limiter's queue (or, after a Redis failure, every waiter) asks Redis, so a
                    // freed permit wakes one caller per process rather than all of them, and callers are served in order.
                    var fresh = !waiter.Turn.Task.IsCompleted;
                    if (await waiter.Turn.Task.WaitAsync(token).ConfigureAwait(false) is { } shared)
                    {
                        // Redis just failed the waiter ahead: this one fails (or falls back) with it at once.
                        Leave(ref waiter, failure: null);
                        return _fallback is null
                            ? throw Unreachable(shared)
                            : Served(await _fallback.AcquireAsync(permitCount, token).ConfigureAwait(false));
                    }

                    if (fresh)
                    {
                        wait = 0; // just became the head: the wait Redis gave earlier is stale, so ask at once
                    }

                    if (wait > 0)
                    {
                        await Task.Delay(ToWaitTime(wait), _time, token).ConfigureAwait(false);
                    }
                }

                if (!TryStartRedisCall(out var probing))
                {
                    Leave(ref waiter, failure: null);
                    return Served(await _fallback!.AcquireAsync(permitCount, token).ConfigureAwait(false));
                }

                var member = NewMember();
                var (attempt, failure) = await CallRedisAsync(permitCount, member, probing, token).ConfigureAwait(false);
                if (failure is not null)
                {
                    Leave(ref waiter, failure);
                    return _fallback is null
                        ? throw Unreachable(failure)
                        : Served(await _fallback.AcquireAsync(permitCount, token).ConfigureAwait(false));
                }

                switch (attempt.Answer)
                {
                    case RedisAnswer.Granted:
                        Leave(ref waiter, failure: null);
                        return Granted(member, permitCount);
                    case RedisAnswer.Expired:
                        wait = 0; // held back past its deadline; the offset is measured afresh, so ask again
                        continue;
                    default:
                        wait = attempt.WaitMicroseconds;
                        if (waiter is null && !TryEnqueue(out waiter))
                        {
                            return Refused(wait);
                        }

                        continue;
                }
            }
        }
        catch (OperationCanceledException) when (_disposing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(GetType().FullName);
        }
        finally
        {
            Leave(ref waiter, failure: null);
            Deactivate();
        }
    }

    /// <summary>Fails every waiting acquisition with an <see cref="ObjectDisposedException"/>. Leases already granted still release; the connection is the caller's.</summary>
    /// <param name="disposing">True when called from <see cref="RateLimiter.Dispose()"/>.</param>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _disposing.Cancel();
            _disposing.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Fails every waiting acquisition with an <see cref="ObjectDisposedException"/>.</summary>
    /// <returns>A completed task.</returns>
    protected override ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        return base.DisposeAsyncCore();
    }

    private static string NewMember() => Guid.NewGuid().ToString("N");

    private static TimeSpan ToWaitTime(long microseconds) =>
        TimeSpan.FromMilliseconds(Math.Max(1, (microseconds + 999) / 1000)); // whole milliseconds, rounded up: never early

    private void CheckPermitCount(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, PermitLimit);
    }

    private long LocalMicroseconds() => _time.GetElapsedTime(_origin).Ticks / 10;

    /// <summary>One acquisition script, bounded by the operation timeout; a Redis failure is returned, not thrown.</summary>
    private async Task<(RedisAttempt Attempt, Exception? Failure)> CallRedisAsync(int permitCount, string member, bool probing, CancellationToken token)
    {
        var offset = Interlocked.Read(ref _redisOffset);
        var timeout = _options.OperationTimeout;
        var deadline = offset == long.MinValue ? 0 : LocalMicroseconds() + offset + (timeout.Ticks / 10);
        var call = _log.AcquireAsync(permitCount, member, deadline);
        try
        {
            var attempt = await call.WaitAsync(timeout, _time, token).ConfigureAwait(false);
            Interlocked.Exchange(ref _redisOffset, attempt.RedisNow - LocalMicroseconds());
            Interlocked.Exchange(ref _lastHeld, attempt.Held);
            Answered();
            return (attempt, null);
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            ReleaseIfGrantedLater(call, member, permitCount);
            Failed(error);
            return (default, error);
        }
        catch (OperationCanceledException)
        {
            ReleaseIfGrantedLater(call, member, permitCount);
            throw;
        }
        finally
        {
            if (probing)
            {
                Volatile.Write(ref _probing, 0);
            }
        }
    }

    /// <summary>An abandoned script may still run and grant; its grant is then released at once, so it holds nobody up for long.</summary>
    private void ReleaseIfGrantedLater(Task<RedisAttempt> call, string member, int permitCount) =>
        _ = call.ContinueWith(
            static (done, state) =>
            {
                var (owner, member, permitCount) = ((RedisSlidingLogRateLimiter, string, int))state!;
                if (done.IsCompletedSuccessfully && done.Result.Answer == RedisAnswer.Granted && permitCount > 0)
                {
                    owner.Release(member, permitCount);
                }
                else
                {
                    _ = done.Exception; // observed: an abandoned call's failure was already reported
                }
            },
            (this, member, permitCount),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private void Release(string member, int permitCount)
    {
        try
        {
            _log.Release(member, permitCount);
        }
        catch (Exception error) when (error is RedisException or TimeoutException or ObjectDisposedException)
        {
            var reason = error.GetType().Name;
            RedisRateLimitLog.ReleaseNotSent(_logger, Exchange, reason);
        }
    }

    private void Deactivate()
    {
        Interlocked.Exchange(ref _idleSince, _time.GetTimestamp());
        Interlocked.Decrement(ref _active);
    }
}
