namespace GeneratedClients.RedisTests.Support;

/// <summary>A request as its caller saw it: granted at <see cref="Granted"/>, answered at <see cref="Released"/> (UTC ticks, wall clock).</summary>
public readonly record struct Request(long Granted, long Released);

/// <summary>The test oracle of "at most N requests in any window": whether the exchange could have seen more.</summary>
public static class RequestLog
{
    // Redis counts in whole microseconds; times read just after a grant and just before a release may be a
    // microsecond closer together than Redis's own, never more.
    private const long RedisResolutionTicks = 10;

    /// <summary>
    /// A description of N + 1 requests whose arrivals could all fall inside one interval of length
    /// <paramref name="span"/>, or null if there are none. A request may arrive at the exchange at any moment
    /// between its grant and its answer; N + 1 requests fit in one such interval exactly when the last grant
    /// among them comes less than <paramref name="span"/> after the earliest answer among them.
    /// </summary>
    public static string? FindOverfullWindow(IReadOnlyList<Request> requests, int limit, TimeSpan span)
    {
        var ordered = requests.OrderBy(r => r.Granted).ToArray();
        var reach = span.Ticks - RedisResolutionTicks;
        for (var k = 0; k < ordered.Length; k++)
        {
            // Requests granted no later than k whose answer came less than a span before k's grant: with k, they fit one window.
            var together = ordered.Take(k + 1).Where(r => r.Released > ordered[k].Granted - reach).ToList();
            if (together.Count > limit)
            {
                var first = together.Min(r => r.Released);
                return $"{together.Count} requests (limit {limit}) fit in one window of {span.TotalMilliseconds} ms: " +
                    $"the earliest answer is {(ordered[k].Granted - first) / (double)TimeSpan.TicksPerMillisecond:0.000} ms before the last grant";
            }
        }

        return null;
    }
}
