namespace GeneratedClients.Redis;

// The queue of this limiter's waiting acquisitions: join it, leave it and hand the turn to the next (or, after a Redis failure, tell them all).
public sealed partial class RedisSlidingLogRateLimiter
{
    /// <summary>Joins this limiter's queue of waiting acquisitions, unless <see cref="RedisRateLimitOptions.QueueLimit"/> are waiting already.</summary>
    private bool TryEnqueue(out Waiter? waiter)
    {
        lock (_gate)
        {
            if (_queue.Count >= _options.QueueLimit)
            {
                waiter = null;
                return false;
            }

            waiter = new Waiter();
            waiter.Node = _queue.AddLast(waiter);
            if (_queue.Count == 1)
            {
                waiter.Turn.TrySetResult(null); // the head: it asks Redis itself, after the wait Redis gave
            }

            return true;
        }
    }

    /// <summary>
    /// Leaves the queue (if in it) and hands the turn to the new head. After a Redis failure every waiter is told,
    /// so that each of them fails (or goes to the fallback) at once instead of asking Redis one after another.
    /// </summary>
    private void Leave(ref Waiter? waiter, Exception? failure)
    {
        if (waiter is null)
        {
            return;
        }

        lock (_gate)
        {
            if (waiter.Node is { } node)
            {
                _queue.Remove(node);
                waiter.Node = null;
            }

            if (failure is not null)
            {
                foreach (var other in _queue)
                {
                    other.Turn.TrySetResult(failure);
                }
            }
            else
            {
                _queue.First?.Value.Turn.TrySetResult(null);
            }
        }

        waiter = null;
    }

    private int QueueLength
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>
    /// A waiting acquisition: its place in the queue, and the signal that it is its turn to ask Redis (null) or that
    /// Redis has just failed the waiter ahead of it (the failure).
    /// </summary>
    private sealed class Waiter
    {
        public TaskCompletionSource<Exception?> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }
    }
}
