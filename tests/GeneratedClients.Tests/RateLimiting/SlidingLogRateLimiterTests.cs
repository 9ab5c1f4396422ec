using Microsoft.Extensions.Time.Testing;
using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using GeneratedClients.Tests.Support;

namespace GeneratedClients.Tests.RateLimiting;

public class SlidingLogRateLimiterTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private static FakeTimeProvider NewClock() => TestTime.At(1_700_000_000_000);

    [Fact]
    public async Task Grants_the_limit_at_once_and_the_next_exactly_when_the_first_grant_is_window_plus_margin_old()
    {
        var clock = NewClock();
        var limit = ExchangeRateLimits.HtxRead;
        var margin = TimeSpan.FromMilliseconds(250);
        using var limiter = limit.CreateLimiter(clock, margin);

        for (var i = 0; i < limit.PermitLimit; i++)
        {
            var lease = limiter.AcquireAsync();
            Assert.True(lease.IsCompletedSuccessfully, $"acquisition {i + 1} should be immediate");
            Assert.True((await lease).IsAcquired);
        }

        var next = limiter.AcquireAsync().AsTask();
        Assert.False(next.IsCompleted);

        clock.Advance(limit.Window + margin - Tick);
        Assert.False(next.IsCompleted, "granted before the first grant was window + margin old");

        clock.Advance(Tick);
        Assert.True(next.IsCompletedSuccessfully, "not granted when the first grant was window + margin old");
        Assert.True((await next).IsAcquired);
    }

    [Fact]
    public void Acquisitions_beyond_the_limit_take_exactly_the_time_the_limit_demands()
    {
        // 3 full windows and one more: 72 at once, 72 at 3.25 s, 72 at 6.5 s, the last at 9.75 s, and no later.
        var clock = NewClock();
        var margin = TimeSpan.FromMilliseconds(250);
        using var limiter = ExchangeRateLimits.HtxRead.CreateLimiter(clock, margin);
        var tasks = Enumerable.Range(0, (3 * 72) + 1).Select(_ => limiter.AcquireAsync().AsTask()).ToList();

        var granted = GrantTimesInMilliseconds(clock, tasks, until: TimeSpan.FromSeconds(12));

        var expected = Enumerable.Range(0, tasks.Count).Select(i => i / 72 * 3250L).ToArray();
        Assert.Equal(expected, granted);
    }

    [Fact]
    public async Task A_lease_disposed_later_holds_its_permit_a_full_span_from_then()
    {
        // A request slow to arrive (a cold connection) must still count a full window from its arrival, which is
        // no later than its answer: disposing the lease when the answer is in moves its log entry there.
        var clock = NewClock();
        using var limiter = new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1), clock, TimeSpan.FromMilliseconds(50));
        var first = await limiter.AcquireAsync();
        clock.Advance(TimeSpan.FromMilliseconds(300));
        first.Dispose();
        var second = limiter.AcquireAsync().AsTask();

        clock.Advance(TimeSpan.FromMilliseconds(1_049));
        Assert.False(second.IsCompleted, "granted before the slow request's span ended");
        clock.Advance(Ms);
        await Task.Delay(10);

        Assert.True(second.IsCompleted);
        Assert.True((await second).IsAcquired);
    }

    [Fact]
    public async Task Disposing_a_lease_after_its_span_changes_nothing()
    {
        var clock = NewClock();
        using var limiter = new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1), clock);
        var first = await limiter.AcquireAsync();
        clock.Advance(TimeSpan.FromSeconds(5));
        var second = await limiter.AcquireAsync();

        first.Dispose(); // its entry has left the log: it must not touch the second grant's entry
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(second.IsAcquired);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public void A_staggered_log_frees_each_permit_exactly_window_plus_margin_after_its_grant()
    {
        var clock = NewClock();
        using var limiter = new SlidingLogRateLimiter(5, TimeSpan.FromSeconds(1), clock, TimeSpan.FromMilliseconds(100));
        var tasks = new List<Task<RateLimitLease>>();
        for (var i = 0; i < 5; i++)
        {
            tasks.Add(limiter.AcquireAsync().AsTask());
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        // Five grants at 0, 100, ..., 400 ms; five waiters queued at 500 ms.
        var waiters = Enumerable.Range(0, 5).Select(_ => limiter.AcquireAsync().AsTask()).ToList();
        Assert.All(tasks, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.DoesNotContain(waiters, t => t.IsCompleted);

        var granted = GrantTimesInMilliseconds(clock, waiters, until: TimeSpan.FromSeconds(3));

        Assert.Equal([600L, 700, 800, 900, 1000], granted); // relative to 500 ms: 1100, 1200, ... 1500
    }

    [Fact]
    public void No_interval_of_window_plus_margin_ever_holds_more_than_the_limit_and_no_grant_is_later_than_needed()
    {
        const int permitLimit = 10;
        const int windowMs = 1000;
        const int marginMs = 50;
        const int spanMs = windowMs + marginMs;
        const int arrivalsUntilMs = 60_000;
        var random = new Random(20240611);
        var clock = NewClock();
        using var limiter = new SlidingLogRateLimiter(permitLimit, TimeSpan.FromMilliseconds(windowMs), clock, TimeSpan.FromMilliseconds(marginMs));

        // A random schedule: alternating busy and quiet phases of bursts, mostly single permits, some 0, 2 or 3.
        var requests = new List<(long Arrival, int Permits, Task<RateLimitLease> Task)>();
        var grantTime = new Dictionary<Task<RateLimitLease>, long>();
        var pending = new List<Task<RateLimitLease>>();
        for (long now = 0; now < arrivalsUntilMs || pending.Count > 0; now++)
        {
            Assert.True(now < 10 * arrivalsUntilMs, "the queue never drained");
            if (now > 0)
            {
                clock.Advance(Ms);
            }

            foreach (var task in pending.Where(t => t.IsCompleted))
            {
                grantTime[task] = now;
            }

            pending.RemoveAll(t => t.IsCompleted);
            var busy = now / 10_000 % 2 == 0;
            var burst = now < arrivalsUntilMs && random.Next(1000) < (busy ? 6 : 1) ? random.Next(1, 6) : 0;
            for (var i = 0; i < burst; i++)
            {
                var permits = random.Next(10) switch { 0 => 0, 1 => 2, 2 => 3, _ => 1 };
                var task = limiter.AcquireAsync(permits).AsTask();
                requests.Add((now, permits, task));
                if (task.IsCompleted)
                {
                    grantTime[task] = now;
                }
                else
                {
                    pending.Add(task);
                }
            }
        }

        Assert.True(requests.Count > 400, $"only {requests.Count} requests");
        Assert.All(requests, r => Assert.True(r.Task.IsCompletedSuccessfully && r.Task.Result.IsAcquired));
        Assert.Contains(requests, r => grantTime[r.Task] == r.Arrival);
        Assert.Contains(requests, r => grantTime[r.Task] > r.Arrival + spanMs);

        // Safety: for every grant, the grant permitLimit places later is at least window + margin after it,
        // which is the same as: every half-open interval of that length holds at most permitLimit permits.
        var log = requests.SelectMany(r => Enumerable.Repeat(grantTime[r.Task], r.Permits)).Order().ToArray();
        for (var i = 0; i + permitLimit < log.Length; i++)
        {
            Assert.True(log[i + permitLimit] - log[i] >= spanMs, $"grants {i} and {i + permitLimit} are {log[i + permitLimit] - log[i]} ms apart");
        }

        // Liveness and exactness: each request is granted at the earliest moment FIFO order and the limit allow,
        // as a naive reference computes it.
        var reference = new List<long>();
        long previous = 0;
        foreach (var (arrival, permits, task) in requests)
        {
            var t = Math.Max(arrival, previous);
            while (permitLimit - InWindow(reference, t) < Math.Max(permits, 1))
            {
                t++;
            }

            reference.AddRange(Enumerable.Repeat(t, permits));
            previous = t;
            Assert.Equal(t, grantTime[task]);
        }

        static int InWindow(List<long> grants, long t)
        {
            var count = 0;
            for (var i = Math.Max(0, grants.Count - permitLimit); i < grants.Count; i++)
            {
                count += t - grants[i] < spanMs ? 1 : 0;
            }

            return count;
        }
    }

    [Fact]
    public void Waiters_are_granted_first_in_first_out()
    {
        var clock = NewClock();
        using var limiter = new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1), clock);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        var waiters = Enumerable.Range(0, 5).Select(_ => limiter.AcquireAsync().AsTask()).ToList();

        for (var i = 0; i < waiters.Count; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(i + 1, waiters.Count(t => t.IsCompletedSuccessfully));
            Assert.True(waiters[i].IsCompletedSuccessfully, $"waiter {i} was not served in its turn");
        }
    }

    [Fact]
    public void A_small_request_does_not_overtake_a_larger_one_queued_before_it()
    {
        var clock = NewClock();
        using var limiter = new SlidingLogRateLimiter(3, TimeSpan.FromSeconds(1), clock);
        Assert.True(limiter.AttemptAcquire(2).IsAcquired);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(limiter.AttemptAcquire(1).IsAcquired);
        clock.Advance(TimeSpan.FromMilliseconds(100));

        var large = limiter.AcquireAsync(2).AsTask(); // needs the two permits granted at 0 ms
        var small = limiter.AcquireAsync(1).AsTask();
        Assert.False(large.IsCompleted);
        Assert.False(small.IsCompleted);
        Assert.False(limiter.AttemptAcquire(1).IsAcquired);

        clock.Advance(TimeSpan.FromMilliseconds(400)); // 1000 ms: the two frees, the large one takes them
        Assert.True(large.IsCompletedSuccessfully);
        Assert.False(small.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(500)); // 1500 ms: the permit granted at 500 ms frees
        Assert.True(small.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_without_using_a_permit_and_the_next_is_still_served()
    {
        var clock = NewClock();
        var window = TimeSpan.FromSeconds(1);
        using var limiter = new SlidingLogRateLimiter(1, window, clock);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        using var cts = new CancellationTokenSource();
        var cancelled = limiter.AcquireAsync(1, cts.Token).AsTask();
        var next = limiter.AcquireAsync().AsTask();
        Assert.Equal(2, limiter.GetStatistics()!.CurrentQueuedCount);

        await cts.CancelAsync();

        Assert.True(cancelled.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, limiter.GetStatistics()!.CurrentQueuedCount);

        clock.Advance(window - Tick);
        Assert.False(next.IsCompleted);
        clock.Advance(Tick);
        Assert.True(next.IsCompletedSuccessfully, "the waiter behind the cancelled one was not served on time");

        // The cancelled waiter consumed nothing: the next permit is due one window after `next`, not two.
        var after = limiter.AcquireAsync().AsTask();
        clock.Advance(window - Tick);
        Assert.False(after.IsCompleted);
        clock.Advance(Tick);
        Assert.True(after.IsCompletedSuccessfully);

        var stats = limiter.GetStatistics()!;
        Assert.Equal(3, stats.TotalSuccessfulLeases);
        Assert.Equal(0, stats.TotalFailedLeases);
    }

    [Fact]
    public async Task Cancelling_a_large_head_waiter_lets_a_smaller_one_behind_it_go_at_once()
    {
        var clock = NewClock();
        using var limiter = new SlidingLogRateLimiter(3, TimeSpan.FromSeconds(1), clock);
        Assert.True(limiter.AttemptAcquire(2).IsAcquired);
        using var cts = new CancellationTokenSource();
        var large = limiter.AcquireAsync(2, cts.Token).AsTask();
        var small = limiter.AcquireAsync(1).AsTask();
        Assert.False(small.IsCompleted);

        await cts.CancelAsync();

        Assert.True(large.IsCanceled);
        Assert.True(small.IsCompletedSuccessfully);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public async Task An_already_cancelled_token_fails_at_once_and_uses_no_permit()
    {
        var clock = NewClock();
        using var limiter = new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1), clock);

        var task = limiter.AcquireAsync(1, new CancellationToken(canceled: true)).AsTask();

        Assert.True(task.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.Equal(1, limiter.GetStatistics()!.CurrentAvailablePermits);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public async Task Beyond_the_queue_limit_an_acquisition_fails_at_once_with_retry_after()
    {
        var clock = NewClock();
        var window = TimeSpan.FromSeconds(1);
        using var limiter = new SlidingLogRateLimiter(1, window, clock, queueLimit: 2);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        var first = limiter.AcquireAsync().AsTask();
        var second = limiter.AcquireAsync().AsTask();

        var refused = limiter.AcquireAsync();

        Assert.True(refused.IsCompletedSuccessfully);
        using var lease = await refused;
        Assert.False(lease.IsAcquired);
        Assert.True(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(3 * window, retryAfter); // behind the two queued waiters, served at 1 s and 2 s
        var stats = limiter.GetStatistics()!;
        Assert.Equal(1, stats.TotalFailedLeases);
        Assert.Equal(2, stats.CurrentQueuedCount);

        clock.Advance(window);
        Assert.True(first.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);
        var third = limiter.AcquireAsync().AsTask(); // room in the queue again
        Assert.False(third.IsCompleted);
    }

    [Fact]
    public async Task A_queue_limit_of_zero_never_queues()
    {
        var clock = NewClock();
        using var limiter = new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1), clock, queueLimit: 0);
        Assert.True((await limiter.AcquireAsync()).IsAcquired);

        using var lease = await limiter.AcquireAsync();

        Assert.False(lease.IsAcquired);
        Assert.True(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentQueuedCount);
    }

    [Fact]
    public void AttemptAcquire_grants_while_permits_are_free_and_otherwise_says_when_one_frees_up()
    {
        var clock = NewClock();
        using var limiter = new SlidingLogRateLimiter(2, TimeSpan.FromSeconds(1), clock);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.True(limiter.AttemptAcquire().IsAcquired);

        using (var refused = limiter.AttemptAcquire())
        {
            Assert.False(refused.IsAcquired);
            Assert.Equal([MetadataName.RetryAfter.Name], refused.MetadataNames);
            Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
            Assert.Equal(TimeSpan.FromMilliseconds(700), retryAfter);
        }

        clock.Advance(TimeSpan.FromMilliseconds(699));
        Assert.True(limiter.AttemptAcquire().TryGetMetadata(MetadataName.RetryAfter, out var almost));
        Assert.Equal(Ms, almost);

        clock.Advance(Ms);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.True(limiter.AttemptAcquire().TryGetMetadata(MetadataName.RetryAfter, out var nextFree));
        Assert.Equal(TimeSpan.FromMilliseconds(300), nextFree); // the grant at 300 ms frees at 1300 ms

        // Two permits at once wait for both of the held ones.
        Assert.True(limiter.AttemptAcquire(2).TryGetMetadata(MetadataName.RetryAfter, out var both));
        Assert.Equal(TimeSpan.FromSeconds(1), both);

        var stats = limiter.GetStatistics()!;
        Assert.Equal(3, stats.TotalSuccessfulLeases);
        Assert.Equal(4, stats.TotalFailedLeases);
        Assert.Equal(0, stats.CurrentAvailablePermits);
    }

    [Fact]
    public void A_granted_lease_carries_no_metadata_and_disposing_it_returns_nothing()
    {
        var clock = NewClock();
        using var limiter = new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1), clock);

        var lease = limiter.AttemptAcquire();
        lease.Dispose();

        Assert.True(lease.IsAcquired);
        Assert.Empty(lease.MetadataNames);
        Assert.False(lease.TryGetMetadata(MetadataName.RetryAfter, out _));
        Assert.False(limiter.AttemptAcquire().IsAcquired); // the permit comes back with time, not with Dispose
    }

    [Fact]
    public async Task Zero_permits_checks_availability_without_using_a_permit()
    {
        var clock = NewClock();
        using var limiter = new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1), clock);

        Assert.True(limiter.AttemptAcquire(0).IsAcquired);
        Assert.True((await limiter.AcquireAsync(0)).IsAcquired);
        Assert.Equal(1, limiter.GetStatistics()!.CurrentAvailablePermits);

        Assert.True(limiter.AttemptAcquire(1).IsAcquired);
        Assert.False(limiter.AttemptAcquire(0).IsAcquired);
        var waitForFree = limiter.AcquireAsync(0).AsTask();
        Assert.False(waitForFree.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(waitForFree.IsCompletedSuccessfully);
        Assert.Equal(1, limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public async Task More_permits_than_the_limit_or_negative_permits_throw()
    {
        using var limiter = new SlidingLogRateLimiter(3, TimeSpan.FromSeconds(1), NewClock());

        Assert.Equal("permitCount", Assert.Throws<ArgumentOutOfRangeException>(() => limiter.AttemptAcquire(4)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => limiter.AttemptAcquire(-1));
        var tooMany = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await limiter.AcquireAsync(4));
        Assert.Equal("permitCount", tooMany.ParamName);
        Assert.True(limiter.AttemptAcquire(3).IsAcquired);
    }

    [Theory]
    [InlineData(0, 1000, 0, 0, "permitLimit")]
    [InlineData(-1, 1000, 0, 0, "permitLimit")]
    [InlineData(1, 0, 0, 0, "window")]
    [InlineData(1, -5, 0, 0, "window")]
    [InlineData(1, 1000, -1, 0, "safetyMargin")]
    [InlineData(1, 1000, 0, -1, "queueLimit")]
    public void The_constructor_rejects_arguments_out_of_range(int permitLimit, int windowMs, int marginMs, int queueLimit, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SlidingLogRateLimiter(
            permitLimit, TimeSpan.FromMilliseconds(windowMs), NewClock(), TimeSpan.FromMilliseconds(marginMs), queueLimit));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void The_constructor_rejects_a_window_and_margin_that_overflow()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SlidingLogRateLimiter(1, TimeSpan.MaxValue, NewClock(), TimeSpan.FromTicks(1)));

        Assert.Equal("safetyMargin", error.ParamName);
    }

    [Fact]
    public async Task Dispose_fails_the_waiters_and_later_acquisitions()
    {
        var clock = NewClock();
        var limiter = new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1), clock);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        using var cts = new CancellationTokenSource();
        var waiters = new[] { limiter.AcquireAsync(1, cts.Token).AsTask(), limiter.AcquireAsync().AsTask() };

        limiter.Dispose();

        foreach (var waiter in waiters)
        {
            Assert.True(waiter.IsFaulted);
            await Assert.ThrowsAsync<ObjectDisposedException>(() => waiter);
        }

        await cts.CancelAsync(); // a late cancellation of a failed waiter is harmless
        clock.Advance(TimeSpan.FromSeconds(5)); // and so is the clock moving on
        Assert.Throws<ObjectDisposedException>(() => limiter.AttemptAcquire());
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await limiter.AcquireAsync());
        Assert.Throws<ObjectDisposedException>(() => limiter.GetStatistics());
        limiter.Dispose(); // idempotent
    }

    [Fact]
    public async Task DisposeAsync_fails_the_waiters_too()
    {
        var clock = NewClock();
        var limiter = new SlidingLogRateLimiter(1, TimeSpan.FromSeconds(1), clock);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        var waiter = limiter.AcquireAsync().AsTask();

        await limiter.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiter);
        Assert.Throws<ObjectDisposedException>(() => limiter.AttemptAcquire());
    }

    [Fact]
    public void IdleDuration_is_null_while_a_grant_is_in_the_window_and_otherwise_the_time_since_it_left()
    {
        var clock = NewClock();
        var window = TimeSpan.FromSeconds(1);
        var margin = TimeSpan.FromMilliseconds(100);
        using var limiter = new SlidingLogRateLimiter(2, window, clock, margin);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(5), limiter.IdleDuration); // idle since construction

        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.Null(limiter.IdleDuration);
        clock.Advance(window + margin - Tick);
        Assert.Null(limiter.IdleDuration);
        clock.Advance(Tick);
        Assert.Equal(TimeSpan.Zero, limiter.IdleDuration);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(2), limiter.IdleDuration);
    }

    [Fact]
    public void Statistics_report_free_permits_queued_permits_and_lease_totals()
    {
        var clock = NewClock();
        using var limiter = new SlidingLogRateLimiter(3, TimeSpan.FromSeconds(1), clock);
        Assert.True(limiter.AttemptAcquire(2).IsAcquired);
        var large = limiter.AcquireAsync(2).AsTask();
        var small = limiter.AcquireAsync(1).AsTask();
        Assert.False(limiter.AttemptAcquire().IsAcquired);

        var stats = limiter.GetStatistics()!;

        Assert.Equal(1, stats.CurrentAvailablePermits);
        Assert.Equal(3, stats.CurrentQueuedCount);
        Assert.Equal(1, stats.TotalSuccessfulLeases);
        Assert.Equal(1, stats.TotalFailedLeases);

        clock.Advance(TimeSpan.FromSeconds(1));
        stats = limiter.GetStatistics()!;
        Assert.Equal(0, stats.CurrentAvailablePermits);
        Assert.Equal(0, stats.CurrentQueuedCount);
        Assert.Equal(3, stats.TotalSuccessfulLeases);
        Assert.True(large.IsCompletedSuccessfully && small.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_permit_limit_larger_than_the_initial_log_is_still_exact()
    {
        var clock = NewClock();
        using var limiter = new SlidingLogRateLimiter(1000, TimeSpan.FromSeconds(1), clock);
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(limiter.AttemptAcquire().IsAcquired);
            if (i % 100 == 99)
            {
                clock.Advance(TimeSpan.FromMilliseconds(10));
            }
        }

        Assert.False(limiter.AttemptAcquire().IsAcquired);
        clock.Advance(TimeSpan.FromMilliseconds(900)); // 1000 ms after the first hundred, 990 after the second
        Assert.Equal(100, limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public async Task Hundred_concurrent_acquirers_on_real_threads_never_exceed_the_limit()
    {
        const int permitLimit = 10;
        const int acquirers = 100;
        var window = TimeSpan.FromMilliseconds(100);
        var system = TimeProvider.System;
        using var limiter = new SlidingLogRateLimiter(permitLimit, window, system);
        var granted = new ConcurrentBag<long>();
        var cancelled = 0;
        using var go = new ManualResetEventSlim();
        var finished = Enumerable.Range(0, acquirers).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();

        // Dedicated threads blocked on the lease: a grant wakes its thread directly, not through the thread pool,
        // which a busy test host may starve for a second or more. (The test itself awaits, so it holds no pool thread.)
        var threads = Enumerable.Range(0, acquirers).Select(i => new Thread(() =>
        {
            try
            {
                go.Wait();

                // Every fifth acquirer gives up after a while, to race cancellation against grants.
                using var cts = new CancellationTokenSource();
                if (i % 5 == 4)
                {
                    cts.CancelAfter(TimeSpan.FromMilliseconds(i * 7));
                }

                if (WaitForPermit(limiter, cts.Token))
                {
                    granted.Add(system.GetTimestamp());
                }
                else
                {
                    Interlocked.Increment(ref cancelled);
                }

                finished[i].SetResult();
            }
            catch (Exception e)
            {
                finished[i].SetException(e);
            }
        }, maxStackSize: 256 * 1024)).ToList();

        // A probe samples the granted count. Between two samples less than a window apart (from the start of the
        // first to the end of the second) at most permitLimit grants can happen: a check no delay can fail falsely.
        var samples = new List<(long Before, long After, long Count)>();
        var probing = true;
        var probe = new Thread(() =>
        {
            while (Volatile.Read(ref probing))
            {
                var before = system.GetTimestamp();
                var count = limiter.GetStatistics()!.TotalSuccessfulLeases;
                samples.Add((before, system.GetTimestamp(), count));
                Thread.Sleep(1);
            }
        });

        threads.ForEach(t => t.Start());
        probe.Start();
        var began = system.GetTimestamp();
        go.Set();
        await Task.WhenAll(finished.Select(f => f.Task)).WaitAsync(TimeSpan.FromSeconds(20));
        var elapsed = system.GetElapsedTime(began);
        Volatile.Write(ref probing, false);
        await Task.Run(probe.Join);

        var log = granted.Order().ToArray();
        Assert.Equal(acquirers, log.Length + cancelled);
        Assert.InRange(cancelled, 0, acquirers / 5);
        var stats = limiter.GetStatistics()!;
        Assert.Equal(log.Length, stats.TotalSuccessfulLeases);
        Assert.Equal(0, stats.CurrentQueuedCount);

        for (var i = 0; i < samples.Count; i++)
        {
            for (var j = i + 1; j < samples.Count && system.GetElapsedTime(samples[i].Before, samples[j].After) < window; j++)
            {
                Assert.True(samples[j].Count - samples[i].Count <= permitLimit, $"{samples[j].Count - samples[i].Count} grants within one window");
            }
        }

        // The grant log, observed just after each grant: allow for timer granularity and thread wake-up.
        var tolerance = TimeSpan.FromMilliseconds(25);
        for (var i = 0; i + permitLimit < log.Length; i++)
        {
            var apart = system.GetElapsedTime(log[i], log[i + permitLimit]);
            Assert.True(apart >= window - tolerance, $"grants {i} and {i + permitLimit} were only {apart.TotalMilliseconds} ms apart");
        }

        // The whole run takes at least as long as the limit demands, and not much longer: no grant is held back (room
        // for a loaded host: two builds beside it once took it 3.9 s).
        var rounds = (log.Length - 1) / permitLimit;
        Assert.True(elapsed >= rounds * window, $"{log.Length} grants took only {elapsed.TotalMilliseconds} ms");
        Assert.True(elapsed < (rounds * window) + TimeSpan.FromSeconds(6), $"{log.Length} grants took {elapsed.TotalMilliseconds} ms");
    }

    private static bool WaitForPermit(RateLimiter limiter, CancellationToken cancellationToken)
    {
        try
        {
            using var lease = limiter.AcquireAsync(1, cancellationToken).AsTask().GetAwaiter().GetResult();
            Assert.True(lease.IsAcquired);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Steps the clock one millisecond at a time until <paramref name="until"/> and returns, for each task, the
    /// milliseconds from the start at which it had completed (it must complete successfully with a granted lease).
    /// </summary>
    private static long[] GrantTimesInMilliseconds(FakeTimeProvider clock, List<Task<RateLimitLease>> tasks, TimeSpan until)
    {
        var granted = new long[tasks.Count];
        Array.Fill(granted, -1);
        for (long ms = 0; ms <= (long)until.TotalMilliseconds; ms++)
        {
            if (ms > 0)
            {
                clock.Advance(Ms);
            }

            for (var i = 0; i < tasks.Count; i++)
            {
                if (granted[i] < 0 && tasks[i].IsCompleted)
                {
                    Assert.True(tasks[i].IsCompletedSuccessfully && tasks[i].Result.IsAcquired, $"task {i} did not get a permit");
                    granted[i] = ms;
                }
            }
        }

        Assert.DoesNotContain(-1L, granted);
        return granted;
    }
}
