using System.Threading.RateLimiting;

namespace GeneratedClients;

/// <summary>
/// A rate limiter that keeps its callers inside a limit of the form "at most N requests in any W", exactly:
/// it remembers the times of the last <c>permitLimit</c> grants (a sliding log) and grants a permit only once
/// the oldest of them is at least <c>window + safetyMargin</c> old. So no interval of that length ever holds
/// more than <c>permitLimit</c> grants, wherever it starts, and no caller waits longer than the limit demands.
/// </summary>
/// <remarks>
/// <para>
/// All time is read from, and all waiting is done with, the <see cref="TimeProvider"/> given to the constructor,
/// so a test can drive the limiter with a manual clock. Waiters are served strictly first in, first out; a
/// waiter whose token is cancelled leaves the queue at once without consuming a permit. Permits are not
/// returned when a lease is disposed: a permit is used up by the grant and comes back when the grant has aged
/// out of the window. Disposing a single permit's lease later (when the request's answer is in) moves its
/// entry to that moment: the exchange counts a request on arrival, no later than its answer, so a request
/// that was slow to arrive still holds its permit a full window from there.
/// </para>
/// <para>
/// Timers are armed at least one millisecond ahead (the resolution of the system timer). A waiter that becomes
/// eligible at a whole-millisecond offset from "now" is therefore woken exactly on time; one that becomes
/// eligible less than a millisecond after an early timer tick is woken at most a millisecond late, never early.
/// </para>
/// </remarks>
public sealed partial class SlidingLogRateLimiter : RateLimiter
{
    private const int InitialLogCapacity = 16;

    private static readonly TimeSpan MinimumTimerDelay = TimeSpan.FromMilliseconds(1);

    // The longest due time System.Threading.Timer accepts; a longer wait is re-armed when the timer fires.
    private static readonly TimeSpan MaximumTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    // A granted sliding-log lease holds nothing to give back, so every grant shares this one.
    private static readonly RateLimitLease Granted = new GrantedLease();

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly long _frequency;
    private readonly int _permitLimit;
    private readonly int _queueLimit;

    // window + safetyMargin in the provider's timestamp units, rounded up (saturated well below overflow).
    private readonly long _span;
    private readonly ITimer _timer;

    // The grant log: a ring buffer of timestamps, in grant order, of the grants still inside the span. An entry
    // is moved later when its lease is disposed (see Restamp), so it is not strictly sorted: pruning stops at
    // the first entry still inside the span (conservative), and due times use the latest entry that must leave.
    private long[] _log;
    private int _logStart;
    private int _logCount;

    // The grant sequence number of the entry at _logStart; entry i of the log has number _firstSequence + i.
    private long _firstSequence;

    // The timestamp since which every permit has been free, when the log is empty.
    private long _idleSince;

    // The FIFO queue of waiters, an intrusive doubly linked list so that a cancelled waiter leaves in O(1).
    private Waiter? _head;
    private Waiter? _tail;
    private int _queueLength;
    private long _queuedPermits;

    private bool _timerArmed;
    private long _timerDueAt;
    private long _successfulLeases;
    private long _failedLeases;
    private bool _disposed;

    /// <summary>Creates a limiter that grants at most <paramref name="permitLimit"/> permits in any <paramref name="window"/> + <paramref name="safetyMargin"/>.</summary>
    /// <param name="permitLimit">The most permits granted in any interval of length <paramref name="window"/> + <paramref name="safetyMargin"/>; at least 1.</param>
    /// <param name="window">The exchange's window; greater than zero.</param>
    /// <param name="timeProvider">The clock and timer source; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="safetyMargin">
    /// Extra spacing added to the window, to absorb clock skew and network jitter between this process and the
    /// exchange; zero or more.
    /// </param>
    /// <param name="queueLimit">
    /// The most waiters that may be queued at once; a further acquisition fails at once with a lease that is not
    /// acquired. Zero means no queueing. Zero or more.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range given above.</exception>
    public SlidingLogRateLimiter(
        int permitLimit,
        TimeSpan window,
        TimeProvider? timeProvider = null,
        TimeSpan safetyMargin = default,
        int queueLimit = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(safetyMargin, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(safetyMargin, TimeSpan.MaxValue - window);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);

        _time = timeProvider ?? TimeProvider.System;
        _frequency = _time.TimestampFrequency;
        if (_frequency <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timeProvider), _frequency, "The time provider's TimestampFrequency must be positive.");
        }

        _permitLimit = permitLimit;
        _queueLimit = queueLimit;
        Window = window;
        SafetyMargin = safetyMargin;
        _span = ToTimestampSpan(window + safetyMargin);
        _log = new long[Math.Min(permitLimit, InitialLogCapacity)];
        _idleSince = _time.GetTimestamp();
        _timer = CreateTimer(_time, this);
    }

    /// <summary>The most permits granted in any interval of length <see cref="Window"/> + <see cref="SafetyMargin"/>.</summary>
    public int PermitLimit => _permitLimit;

    /// <summary>The exchange's window.</summary>
    public TimeSpan Window { get; }

    /// <summary>The extra spacing added to <see cref="Window"/>.</summary>
    public TimeSpan SafetyMargin { get; }

    /// <summary>The most waiters that may be queued at once.</summary>
    public int QueueLimit => _queueLimit;

    /// <summary>
    /// How long every permit has been free: null while a grant is still inside the window or a waiter is
    /// queued; otherwise the time since the newest grant left the window (or since construction, before any grant).
    /// </summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                Prune(now);
                return _logCount > 0 || _head is not null ? null : ToTimeSpan(now - _idleSince);
            }
        }
    }

    /// <summary>
    /// A snapshot: the permits free now, the permits queued waiters ask for, and the leases granted and refused
    /// so far (a cancelled wait is neither).
    /// </summary>
    /// <returns>The statistics.</returns>
    /// <exception cref="ObjectDisposedException">The limiter has been disposed.</exception>
    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Prune(_time.GetTimestamp());
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _permitLimit - _logCount,
                CurrentQueuedCount = _queuedPermits,
                TotalSuccessfulLeases = _successfulLeases,
                TotalFailedLeases = _failedLeases,
            };
        }
    }

    /// <summary>
    /// Grants <paramref name="permitCount"/> permits now if they are free and nobody is queued ahead; otherwise
    /// returns a lease that is not acquired, whose <see cref="MetadataName.RetryAfter"/> is the estimated time
    /// until the permits free up (behind the queued waiters). A count of 0 asks whether a permit is free, without
    /// using one.
    /// </summary>
    /// <param name="permitCount">0 to <see cref="PermitLimit"/>.</param>
    /// <returns>The lease.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permitCount"/> exceeds <see cref="PermitLimit"/>.</exception>
    /// <exception cref="ObjectDisposedException">The limiter has been disposed.</exception>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckPermitCount(permitCount);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetTimestamp();
            ServeQueue(now);
            if (TryGrantNow(permitCount, now, out var lease))
            {
                return lease;
            }

            _failedLeases++;
            return new RefusedLease(ToTimeSpan(EstimateWait(_queuedPermits, permitCount, now)));
        }
    }

    /// <summary>
    /// Grants <paramref name="permitCount"/> permits as soon as they are free and every earlier waiter has been
    /// served. Fails at once, with a lease that is not acquired and carries <see cref="MetadataName.RetryAfter"/>,
    /// when <see cref="QueueLimit"/> waiters are already queued. A count of 0 waits until a permit is free, without
    /// using one.
    /// </summary>
    /// <param name="permitCount">0 to <see cref="PermitLimit"/>.</param>
    /// <param name="cancellationToken">Cancels the wait; the task then ends with an <see cref="OperationCanceledException"/>.</param>
    /// <returns>The lease.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permitCount"/> exceeds <see cref="PermitLimit"/>.</exception>
    /// <exception cref="ObjectDisposedException">The limiter has been (or is, while waiting) disposed.</exception>
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckPermitCount(permitCount);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<RateLimitLease>(cancellationToken);
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetTimestamp();
            ServeQueue(now);
            if (TryGrantNow(permitCount, now, out var lease))
            {
                return new ValueTask<RateLimitLease>(lease);
            }

            if (_queueLength >= _queueLimit)
            {
                _failedLeases++;
                return new ValueTask<RateLimitLease>(new RefusedLease(ToTimeSpan(EstimateWait(_queuedPermits, permitCount, now))));
            }

            var waiter = new Waiter(this, permitCount);
            Enqueue(waiter);
            ArmTimer(now);
            if (cancellationToken.CanBeCanceled)
            {
                // Registered under the lock, after the waiter is fully queued: if the token is cancelled meanwhile,
                // the callback runs here, re-enters the (re-entrant) lock and finds a consistent queue.
                waiter.Registration = cancellationToken.UnsafeRegister(
                    static (state, token) => ((Waiter)state!).Owner.Cancel((Waiter)state, token), waiter);
            }

            return new ValueTask<RateLimitLease>(waiter.Task);
        }
    }

    /// <summary>Fails every queued waiter with an <see cref="ObjectDisposedException"/> and stops the timer.</summary>
    /// <param name="disposing">True when called from <see cref="RateLimiter.Dispose()"/>.</param>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DisposeCore();
        }

        base.Dispose(disposing);
    }

    /// <summary>Fails every queued waiter with an <see cref="ObjectDisposedException"/> and stops the timer.</summary>
    /// <returns>A completed task.</returns>
    protected override ValueTask DisposeAsyncCore()
    {
        DisposeCore();
        return base.DisposeAsyncCore();
    }

    private static ITimer CreateTimer(TimeProvider time, SlidingLogRateLimiter owner)
    {
        // The timer must not capture the constructing caller's ExecutionContext (its AsyncLocals) for life.
        if (ExecutionContext.IsFlowSuppressed())
        {
            return Create();
        }

        using (ExecutionContext.SuppressFlow())
        {
            return Create();
        }

        ITimer Create() => time.CreateTimer(
            static state => ((SlidingLogRateLimiter)state!).OnTimer(), owner, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void CheckPermitCount(int permitCount) =>
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _permitLimit);

    private void DisposeCore()
    {
        Waiter? pending;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            pending = _head;
            for (var waiter = _head; waiter is not null; waiter = waiter.Next)
            {
                waiter.Queued = false;
            }

            _head = _tail = null;
            _queueLength = 0;
            _queuedPermits = 0;
        }

        _timer.Dispose();
        while (pending is not null)
        {
            var next = pending.Next;
            pending.Next = pending.Previous = null;
            pending.Registration.Unregister();
            pending.TrySetException(new ObjectDisposedException(GetType().FullName));
            pending = next;
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _timerArmed = false;
            ServeQueue(_time.GetTimestamp());
        }
    }

    /// <summary>Grants at once if the queue is empty and enough permits are free. Under the lock, after <see cref="ServeQueue"/>.</summary>
    private bool TryGrantNow(int permitCount, long now, out RateLimitLease lease)
    {
        if (_head is not null || Free < Math.Max(permitCount, 1))
        {
            lease = Granted;
            return false;
        }

        lease = Record(permitCount, now);
        _successfulLeases++;
        return true;
    }

    /// <summary>Arms the timer for the moment the head waiter's permits free up, unless it is armed for that moment already.</summary>
    private void ArmTimer(long now)
    {
        if (_head is not { } waiter)
        {
            return; // a stray tick, if the timer is still armed, finds nothing to do
        }

        // The head is not grantable, so it needs the oldest (need - Free) logged grants to age out.
        var dueAt = LatestEntry(Math.Max(waiter.PermitCount, 1) - Free) + _span;
        if (_timerArmed && _timerDueAt == dueAt)
        {
            return;
        }

        _timerArmed = true;
        _timerDueAt = dueAt;
        var delay = ToTimeSpan(dueAt - now);
        _timer.Change(delay < MinimumTimerDelay ? MinimumTimerDelay : delay > MaximumTimerDelay ? MaximumTimerDelay : delay, Timeout.InfiniteTimeSpan);
    }

    private long ToTimestampSpan(TimeSpan span)
    {
        var units = (((Int128)span.Ticks * _frequency) + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;

        // Saturate far below long.MaxValue so that "timestamp + span" can never overflow.
        return units > long.MaxValue / 4 ? long.MaxValue / 4 : (long)units;
    }

    /// <summary>Timestamp units to a TimeSpan, rounded up so that a wait is never too short.</summary>
    private TimeSpan ToTimeSpan(long timestampUnits)
    {
        if (timestampUnits <= 0)
        {
            return TimeSpan.Zero;
        }

        var ticks = (((Int128)timestampUnits * TimeSpan.TicksPerSecond) + _frequency - 1) / _frequency;
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : new TimeSpan((long)ticks);
    }
}
