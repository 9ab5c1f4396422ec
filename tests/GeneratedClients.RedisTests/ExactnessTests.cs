using System.Globalization;
using GeneratedClients.RedisTests.Support;

namespace GeneratedClients.RedisTests;

/// <summary>One limit, many processes: no window ever holds more than the limit, counted from grant to answer.</summary>
[Collection(SharedRedisServer.Name)]
public sealed class ExactnessTests(RedisServer redis)
{
    private const int Limit = 5;
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Sixteen_callers_in_two_processes_never_put_more_than_the_limit_in_any_window()
    {
        string[] arguments =
        [
            "sweep", "--redis", redis.Endpoint, "--prefix", Limiters.UniquePrefix(), "--exchange", "htx", "--key", "one-shared-key",
            "--limit", Limit.ToString(CultureInfo.InvariantCulture), "--window-ms", "500", "--margin-ms", "20",
            "--callers", "8", "--requests", "3", "--max-hold-ms", "30",
        ];
        using var first = WorkerProcess.Start(arguments);
        using var second = WorkerProcess.Start(arguments);
        await first.SendLineAsync("go");
        await second.SendLineAsync("go");

        var requests = await Task.WhenAll(ReadRequestsAsync(first), ReadRequestsAsync(second));

        Assert.All(requests, r => Assert.Equal(8 * 3, r.Count));
        var all = requests.SelectMany(r => r).ToList();
        Assert.Null(RequestLog.FindOverfullWindow(all, Limit, Window + Margin));

        // Both processes were served while the other was too, so the limit was shared, not merely kept by each.
        Assert.True(
            requests[0].Min(r => r.Granted) < requests[1].Max(r => r.Granted) && requests[1].Min(r => r.Granted) < requests[0].Max(r => r.Granted),
            "The two workers' requests did not overlap in time.");
    }

    [Fact]
    public void The_oracle_finds_the_window_that_a_limiter_counting_only_from_the_grant_would_overfill()
    {
        var ms = TimeSpan.TicksPerMillisecond;

        // Two permits per 520 ms. The third grant comes 520 ms after the first two, but 490 ms after their answers:
        // an exchange that saw the first two arrive late and the third early counts three in one window.
        Request[] counted = [new(0, 30 * ms), new(0, 30 * ms), new(520 * ms, 530 * ms)];
        Request[] kept = [new(0, 30 * ms), new(0, 30 * ms), new(550 * ms, 560 * ms)];

        Assert.NotNull(RequestLog.FindOverfullWindow(counted, 2, TimeSpan.FromMilliseconds(520)));
        Assert.Null(RequestLog.FindOverfullWindow(kept, 2, TimeSpan.FromMilliseconds(520)));
    }

    private static async Task<List<Request>> ReadRequestsAsync(WorkerProcess worker)
    {
        var requests = new List<Request>();
        while (await worker.ReadLineAsync(TimeSpan.FromSeconds(30)) is var line && line != "done")
        {
            var parts = line.Split(' ');
            Assert.Equal("request", parts[0]);
            requests.Add(new Request(long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture)));
        }

        return requests;
    }
}
