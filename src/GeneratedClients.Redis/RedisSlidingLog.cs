using StackExchange.Redis;

namespace GeneratedClients.Redis;

/// <summary>
/// The shared log in Redis: one sorted set per exchange and API key whose members are grants (random ids, one
/// per permit) and whose scores are the moments, in Redis time (microseconds), at which each grant stops
/// counting. Every read and write is one Lua script, so it is atomic, and every script reads Redis's own clock
/// (<c>TIME</c>), so all processes and machines share one clock.
/// </summary>
/// <remarks>
/// A grant made at g scores g + maxInFlight + span while its request is in flight; disposing its lease at r
/// rescores it to r + span. A grant is allowed at <c>now</c> only while fewer than the limit's entries score
/// later than <c>now</c>, which is exactly "fewer than N requests granted and answered less than a span ago or
/// still in flight". So for any N + 1 requests, the last granted was granted at least a span after the answer
/// of one of the others: no interval of length span can hold the arrivals of N + 1 of them, wherever each
/// arrived between its grant and its answer.
/// </remarks>
internal sealed class RedisSlidingLog(IDatabaseAsync database, RedisKey key, int permitLimit, TimeSpan span, TimeSpan maxInFlight)
{
    // KEYS[1] the log. ARGV: [1] permit limit, [2] permits asked (0 = only wait until one is free), [3] span in µs,
    // [4] max in-flight in µs, [5] the grant's member id, [6] the caller's deadline in Redis µs (0 = none).
    // Returns { answer (0 granted, 1 full, 2 expired), Redis now µs, permits held, wait µs }.
    private const string AcquireScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local key = KEYS[1]
        local limit = tonumber(ARGV[1])
        local count = tonumber(ARGV[2])
        local span = tonumber(ARGV[3])
        local inflight = tonumber(ARGV[4])
        local deadline = tonumber(ARGV[6])
        redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
        local held = redis.call('ZCARD', key)
        if deadline > 0 and now > deadline then
          return { 2, now, held, 0 }
        end
        local need = math.max(count, 1)
        if held + need <= limit then
          if count > 0 then
            local expiry = now + inflight + span
            for i = 1, count do
              redis.call('ZADD', key, expiry, ARGV[5] .. ':' .. i)
            end
            redis.call('PEXPIREAT', key, math.floor(expiry / 1000) + 1)
          end
          return { 0, now, held + count, 0 }
        end
        local rank = held + need - limit - 1
        local entry = redis.call('ZRANGE', key, rank, rank, 'WITHSCORES')
        local wait = tonumber(entry[2]) - now
        if wait > span then
          wait = span
        end
        return { 1, now, held, wait }
        """;

    // KEYS[1] the log. ARGV: [1] span in µs, [2] the grant's member id, [3] permits of the grant.
    // Rescores the grant's entries to now + span (adding them back if they had already aged out: never early).
    private const string ReleaseScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local key = KEYS[1]
        local score = now + tonumber(ARGV[1])
        for i = 1, tonumber(ARGV[3]) do
          redis.call('ZADD', key, score, ARGV[2] .. ':' .. i)
        end
        local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
        redis.call('PEXPIREAT', key, math.floor(tonumber(last[2]) / 1000) + 1)
        return now
        """;

    private readonly RedisKey[] _keys = [key];
    private readonly long _spanMicroseconds = ToMicroseconds(span);
    private readonly long _maxInFlightMicroseconds = ToMicroseconds(maxInFlight);

    /// <summary>Runs the acquisition script once.</summary>
    /// <param name="permitCount">Permits to log; 0 only checks that one is free.</param>
    /// <param name="member">The grant's id (random, never derived from a secret).</param>
    /// <param name="deadline">The latest Redis time at which the script may still grant, in µs; 0 for none.</param>
    /// <returns>The script's answer; the task fails with a <see cref="RedisException"/> or <see cref="TimeoutException"/> when Redis fails.</returns>
    public async Task<RedisAttempt> AcquireAsync(int permitCount, string member, long deadline)
    {
        var result = await database.ScriptEvaluateAsync(
            AcquireScript,
            _keys,
            [permitLimit, permitCount, _spanMicroseconds, _maxInFlightMicroseconds, member, deadline]).ConfigureAwait(false);
        var values = (long[]?)result ?? throw new RedisException("The rate-limit script returned no values.");
        return new RedisAttempt((RedisAnswer)values[0], values[1], values[2], values[3]);
    }

    /// <summary>
    /// Rescores a grant's entries to Redis's now + span, without waiting for the answer. If Redis does not get
    /// the command, the entries keep counting until their in-flight bound: later, never earlier.
    /// </summary>
    /// <param name="member">The grant's id.</param>
    /// <param name="permitCount">The grant's permits.</param>
    public void Release(string member, int permitCount) =>
        _ = database.ScriptEvaluateAsync(ReleaseScript, _keys, [_spanMicroseconds, member, permitCount], CommandFlags.FireAndForget);

    private static long ToMicroseconds(TimeSpan value) => (value.Ticks + 9) / 10;
}
