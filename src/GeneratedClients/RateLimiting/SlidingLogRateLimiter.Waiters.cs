using System.Threading.RateLimiting;

namespace GeneratedClients;

// The FIFO queue of waiting acquisitions: enqueue, cancel, and serve as permits free up.
public sealed partial class SlidingLogRateLimiter
{
    private void Cancel(Waiter waiter, CancellationToken token)
    {
        lock (_gate)
        {
            if (!waiter.Queued)
            {
                return; // already granted, or failed by Dispose
            }

            Remove(waiter);
            waiter.TrySetCanceled(token);

            // The next waiter may need fewer permits than the one that left, so it may be grantable now, or sooner.
            ServeQueue(_time.GetTimestamp());
        }
    }

    /// <summary>Grants the waiters at the head of the queue that can be granted now, then re-arms the timer. Under the lock.</summary>
    private void ServeQueue(long now)
    {
        Prune(now);
        while (_head is { } waiter && Free >= Math.Max(waiter.PermitCount, 1))
        {
            Remove(waiter);
            var lease = Record(waiter.PermitCount, now);
            _successfulLeases++;

            // Unregister (not Dispose): it never waits for a running callback, which may be blocked on this lock.
            waiter.Registration.Unregister();
            waiter.TrySetResult(lease);
        }

        ArmTimer(now);
    }

    private void Enqueue(Waiter waiter)
    {
        waiter.Queued = true;
        waiter.Previous = _tail;
        if (_tail is null)
        {
            _head = waiter;
        }
        else
        {
            _tail.Next = waiter;
        }

        _tail = waiter;
        _queueLength++;
        _queuedPermits += waiter.PermitCount;
    }

    private void Remove(Waiter waiter)
    {
        if (waiter.Previous is null)
        {
            _head = waiter.Next;
        }
        else
        {
            waiter.Previous.Next = waiter.Next;
        }

        if (waiter.Next is null)
        {
            _tail = waiter.Previous;
        }
        else
        {
            waiter.Next.Previous = waiter.Previous;
        }

        waiter.Next = waiter.Previous = null;
        waiter.Queued = false;
        _queueLength--;
        _queuedPermits -= waiter.PermitCount;
    }

    /// <summary>A queued acquisition: its task, its place in the queue and its cancellation registration.</summary>
    private sealed class Waiter(SlidingLogRateLimiter owner, int permitCount)
        : TaskCompletionSource<RateLimitLease>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public SlidingLogRateLimiter Owner { get; } = owner;

        public int PermitCount { get; } = permitCount;

        // Guarded by the owner's lock.
        public Waiter? Next { get; set; }

        public Waiter? Previous { get; set; }

        public bool Queued { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}
