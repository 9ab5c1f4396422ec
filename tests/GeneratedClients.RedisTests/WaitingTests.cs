using System.Threading.RateLimiting;
using GeneratedClients.Redis;
using GeneratedClients.RedisTests.Support;

namespace GeneratedClients.RedisTests;

/// <summary>How an acquisition waits for the shared limit: until a window after the answer, cancellable, bounded.</summary>
[Collection(SharedRedisServer.Name)]
public sealed class WaitingTests(RedisServer redis)
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_request_counts_from_its_grant_until_a_window_after_its_answer()
    {
        using var connection = await redis.ConnectAsync();
        var options = Limiters.Options();
        using var limiter = RedisRateLimiter.ForKey(connection, "htx", "slow-request-key", 1, Window, options);
        var span = Window + options.SafetyMargin;

        var slow = await limiter.AcquireAsync(1);
        var next = limiter.AcquireAsync(1).AsTask();
        await Task.Delay(span + TimeSpan.FromMilliseconds(200));
        Assert.False(next.IsCompleted, "A permit still in flight was given again one window after its grant.");

        var answered = Limiters.Now();
        slow.Dispose();
        using var lease = await next.WaitAsync(TimeSpan.FromSeconds(10));
        var granted = Limiters.Now();

        Assert.True(lease.IsAcquired);
        Assert.True(granted - answered >= span.Ticks - 10, $"Granted {(granted - answered) / TimeSpan.TicksPerMillisecond} ms after the answer; the window is {span.TotalMilliseconds} ms.");
    }

    [Fact]
    public async Task The_callers_of_one_process_are_served_in_the_order_they_came()
    {
        using var connection = await redis.ConnectAsync();
        using var limiter = RedisRateLimiter.ForKey(connection, "htx", "ordered-key", 1, TimeSpan.FromMilliseconds(100), Limiters.Options());
        var held = await limiter.AcquireAsync(1);
        var order = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var callers = new List<Task>();
        for (var caller = 0; caller < 4; caller++)
        {
            var number = caller;
            callers.Add(Task.Run(async () =>
            {
                using var lease = await limiter.AcquireAsync(1);
                Assert.True(lease.IsAcquired);
                order.Enqueue(number);
            }));
            await Limiters.EventuallyAsync(() => limiter.GetStatistics()!.CurrentQueuedCount == number + 1, TimeSpan.FromSeconds(5), $"caller {number} queues");
        }

        held.Dispose();
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal([0, 1, 2, 3], order);
    }

    [Fact]
    public async Task A_cancelled_wait_ends_with_a_cancellation_and_holds_no_permit()
    {
        using var connection = await redis.ConnectAsync();
        using var limiter = RedisRateLimiter.ForKey(connection, "htx", "cancelled-key", 1, TimeSpan.FromSeconds(5), Limiters.Options());
        using var held = await limiter.AcquireAsync(1);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await limiter.AcquireAsync(1, cancel.Token));

        Assert.Equal(1, await connection.GetDatabase().SortedSetLengthAsync(limiter.Key));
        Assert.Equal(0, limiter.GetStatistics()!.CurrentQueuedCount);
    }

    [Fact]
    public async Task Beyond_the_queue_limit_an_acquisition_is_refused_at_once_with_a_retry_after()
    {
        using var connection = await redis.ConnectAsync();
        var options = Limiters.Options();
        options.QueueLimit = 1;
        using var limiter = RedisRateLimiter.ForKey(connection, "htx", "queued-key", 1, TimeSpan.FromSeconds(5), options);
        using var held = await limiter.AcquireAsync(1);
        using var stop = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync(1, stop.Token).AsTask();
        await Limiters.EventuallyAsync(() => limiter.GetStatistics()!.CurrentQueuedCount == 1, TimeSpan.FromSeconds(5), "the first waiter queues");

        using var refused = await limiter.AcquireAsync(1);

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5) + options.SafetyMargin);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Disposing_the_limiter_fails_its_waiting_acquisitions()
    {
        using var connection = await redis.ConnectAsync();
        var limiter = RedisRateLimiter.ForKey(connection, "htx", "disposed-key", 1, TimeSpan.FromSeconds(5), Limiters.Options());
        using var held = await limiter.AcquireAsync(1);
        var waiting = limiter.AcquireAsync(1).AsTask();
        await Limiters.EventuallyAsync(() => limiter.GetStatistics()!.CurrentQueuedCount == 1, TimeSpan.FromSeconds(5), "the waiter queues");

        limiter.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await limiter.AcquireAsync(1));
    }
}
