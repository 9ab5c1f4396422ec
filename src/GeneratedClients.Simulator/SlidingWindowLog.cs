namespace GeneratedClients.Simulator;

/// <summary>
/// The exchanges' side of a rate limit "at most N requests per key in any W", kept exactly: a log of the
/// times of the requests accepted in the last W, per key. A request is accepted when fewer than N
/// accepted requests are younger than W; refused requests are not logged (they do not extend the ban).
/// Time is <see cref="TimeProvider.GetTimestamp"/> of the host clock, read under the lock, so the log of
/// each key is in order.
/// </summary>
internal sealed class SlidingWindowLog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<long>> _logs = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly int _permits;
    private readonly long _window;

    public SlidingWindowLog(int permits, TimeSpan window, TimeProvider time)
    {
        _permits = permits;
        _time = time;
        _window = (long)Math.Ceiling(window.Ticks * (double)time.TimestampFrequency / TimeSpan.TicksPerSecond);
    }

    /// <summary>Accepts and logs a request of <paramref name="key"/> now, or refuses it.</summary>
    public bool TryAcquire(string key)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (!_logs.TryGetValue(key, out var log))
            {
                _logs[key] = log = new Queue<long>(_permits);
            }

            while (log.Count > 0 && now - log.Peek() >= _window)
            {
                log.Dequeue();
            }

            if (log.Count >= _permits)
            {
                return false;
            }

            log.Enqueue(now);
            return true;
        }
    }
}
