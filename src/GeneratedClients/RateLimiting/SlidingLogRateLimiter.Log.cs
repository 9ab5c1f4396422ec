using System.Threading.RateLimiting;

namespace GeneratedClients;

// The grant log: a ring buffer of grant timestamps, pruned as grants leave the span and restamped when a lease is disposed.
public sealed partial class SlidingLogRateLimiter
{
    /// <summary>Permits free now. Under the lock, after <see cref="Prune"/>.</summary>
    private int Free => _permitLimit - _logCount;

    /// <summary>
    /// The time, in timestamp units, until <paramref name="permitCount"/> permits could be granted behind
    /// <paramref name="permitsAhead"/> queued permits, if every freed permit were taken the moment it frees up.
    /// Exact for single-permit waiters; an estimate otherwise.
    /// </summary>
    private long EstimateWait(long permitsAhead, int permitCount, long now)
    {
        // Permit slot i (0-based, in the order slots free up) is free now if i < Free, else it is held by log
        // entry i - Free. Each further round through all the slots takes one span more.
        var last = permitsAhead + Math.Max(permitCount, 1) - 1;
        var rounds = Math.DivRem(last, _permitLimit, out var slot);
        var free = Free;
        var freeAt = slot < free
            ? now + ((Int128)rounds * _span)
            : LogEntry((int)slot - free) + ((Int128)(rounds + 1) * _span);
        var wait = freeAt - now;
        return wait <= 0 ? 0 : wait >= long.MaxValue ? long.MaxValue : (long)wait;
    }

    private void Prune(long now)
    {
        while (_logCount > 0 && now - _log[_logStart] >= _span)
        {
            _logStart = _logStart + 1 == _log.Length ? 0 : _logStart + 1;
            _logCount--;
            _firstSequence++;
        }
    }

    /// <summary>Logs the grant; a single permit's lease can move its entry to the time it is disposed.</summary>
    private RateLimitLease Record(int permitCount, long now)
    {
        var sequence = _firstSequence + _logCount;
        for (var i = 0; i < permitCount; i++)
        {
            if (_logCount == _log.Length)
            {
                GrowLog();
            }

            _log[(_logStart + _logCount) % _log.Length] = now;
            _logCount++;
        }

        if (permitCount > 0)
        {
            _idleSince = now + _span;
        }

        return permitCount == 1 ? new ReleasableLease(this, sequence) : Granted;
    }

    /// <summary>
    /// Moves a grant's log entry to now, when its lease is disposed after the request's answer arrived: the
    /// exchange counts a request when it arrives, which is no later than its answer, so a request that took long
    /// to arrive still holds its permit a full span after it reached the exchange.
    /// </summary>
    private void Restamp(long sequence)
    {
        lock (_gate)
        {
            if (_disposed || sequence < _firstSequence || sequence >= _firstSequence + _logCount)
            {
                return; // already out of the span
            }

            var position = (_logStart + (int)(sequence - _firstSequence)) % _log.Length;
            var now = _time.GetTimestamp();
            if (now > _log[position])
            {
                _log[position] = now;
                _idleSince = Math.Max(_idleSince, now + _span);
                ServeQueue(now);
            }
        }
    }

    /// <summary>The latest of the oldest <paramref name="count"/> log entries (the moment they have all left the span, minus the span).</summary>
    private long LatestEntry(int count)
    {
        var latest = long.MinValue;
        for (var i = 0; i < count; i++)
        {
            latest = Math.Max(latest, LogEntry(i));
        }

        return latest;
    }

    private void GrowLog()
    {
        var grown = new long[(int)Math.Min((long)_log.Length * 2, _permitLimit)];
        for (var i = 0; i < _logCount; i++)
        {
            grown[i] = LogEntry(i);
        }

        _log = grown;
        _logStart = 0;
    }

    private long LogEntry(int index) => _log[(_logStart + index) % _log.Length];
}
