using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using GeneratedClients.Tests.Support;

namespace GeneratedClients.Tests.RateLimiting;

/// <summary>A registry of its own per test (the registry is injectable), so these tests run beside any others.</summary>
public sealed class RateLimiterRegistryTests
{
    private readonly RateLimiterRegistry _registry = new();

    [Fact]
    public void The_same_exchange_and_credential_share_one_limiter_created_once()
    {
        var created = 0;
        RateLimiter Create()
        {
            created++;
            return NewLimiter();
        }

        var first = _registry.GetOrAdd("htx", "key-1", Create);
        var second = _registry.GetOrAdd("htx", "key-1", Create);
        var differentCase = _registry.GetOrAdd("HTX", "key-1", Create);

        Assert.Same(first, second);
        Assert.Same(first, differentCase);
        Assert.Equal(1, created);
    }

    [Fact]
    public void Different_credentials_or_exchanges_get_different_limiters()
    {
        var htx1 = _registry.GetOrAdd("htx", "key-1", NewLimiter);
        var htx2 = _registry.GetOrAdd("htx", "key-2", NewLimiter);
        var bitget1 = _registry.GetOrAdd("bitget", "key-1", NewLimiter);
        var keyCase = _registry.GetOrAdd("htx", "KEY-1", NewLimiter); // credential keys are case-sensitive

        Assert.Equal(4, new HashSet<RateLimiter>([htx1, htx2, bitget1, keyCase], ReferenceEqualityComparer.Instance).Count);
    }

    [Fact]
    public void A_shared_limiter_is_shared_state_one_client_using_it_uses_it_up_for_the_other()
    {
        var clock = TestTime.At(1_700_000_000_000);
        var limit = ExchangeRateLimits.BitgetSubAccountAssets;

        var clientA = _registry.GetOrAdd("bitget", "key", () => limit.CreateLimiter(clock));
        var clientB = _registry.GetOrAdd("bitget", "key", () => limit.CreateLimiter(clock));

        Assert.True(clientA.AttemptAcquire().IsAcquired);
        Assert.False(clientB.AttemptAcquire().IsAcquired);
        clock.Advance(limit.Window);
        Assert.True(clientB.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public void Concurrent_first_use_creates_exactly_one_limiter()
    {
        const int racers = 32;
        var created = 0;
        var limiters = new RateLimiter[racers];
        using var go = new Barrier(racers);
        var threads = Enumerable.Range(0, racers).Select(i => new Thread(() =>
        {
            go.SignalAndWait();
            limiters[i] = _registry.GetOrAdd("htx", "race", () =>
            {
                Interlocked.Increment(ref created);
                Thread.Sleep(20); // widen the window for a second creation
                return NewLimiter();
            });
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(1, created);
        Assert.All(limiters, l => Assert.Same(limiters[0], l));
    }

    [Fact]
    public void A_factory_that_throws_is_tried_again_on_next_use()
    {
        Assert.Throws<InvalidOperationException>(() => _registry.GetOrAdd("htx", "key", () => throw new InvalidOperationException("boom")));

        var limiter = _registry.GetOrAdd("htx", "key", NewLimiter);

        Assert.Same(limiter, _registry.GetOrAdd("htx", "key", NewLimiter));
    }

    [Fact]
    public void A_factory_that_returns_null_is_an_error()
    {
        Assert.Throws<InvalidOperationException>(() => _registry.GetOrAdd("htx", "key", () => null!));
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentException>(() => _registry.GetOrAdd("", "key", NewLimiter));
        Assert.Throws<ArgumentNullException>(() => _registry.GetOrAdd(null!, "key", NewLimiter));
        Assert.Throws<ArgumentNullException>(() => _registry.GetOrAdd("htx", null!, NewLimiter));
        Assert.Throws<ArgumentNullException>(() => _registry.GetOrAdd("htx", "key", null!));
    }

    [Fact]
    public void The_registry_keeps_no_reference_to_the_credential_key()
    {
        var credential = ShareWithRuntimeKey(out var limiter);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(credential.IsAlive, "the registry still references the credential key string");
        GC.KeepAlive(limiter);
    }

    [Fact]
    public void The_registry_stores_a_fingerprint_not_the_credential_key()
    {
        const string credential = "bg_0123456789abcdef0123456789abcdef";
        _registry.GetOrAdd("bitget", credential, NewLimiter);

        var keys = RegistryKeys();

        var key = Assert.Single(keys);
        Assert.DoesNotContain(credential, key, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credential))), key, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_registry_shares_only_within_itself_and_the_static_entry_is_the_process_wide_one()
    {
        var credential = "key-" + Guid.NewGuid().ToString("N");
        var mine = _registry.GetOrAdd("htx", credential, NewLimiter);

        Assert.NotSame(mine, new RateLimiterRegistry().GetOrAdd("htx", credential, NewLimiter));
        Assert.NotSame(mine, RateLimiterRegistry.Default.GetOrAdd("htx", credential, NewLimiter));
        Assert.Same(RateLimiterRegistry.Default.GetOrAdd("htx", credential, NewLimiter), RateLimiterRegistry.Default.GetOrAdd("HTX", credential, NewLimiter));
    }

    [Fact]
    public void The_documented_limits()
    {
        Assert.Equal(new ExchangeRateLimit(1, TimeSpan.FromSeconds(10)), ExchangeRateLimits.BitgetSubAccountAssets);
        Assert.Equal(new ExchangeRateLimit(72, TimeSpan.FromSeconds(3)), ExchangeRateLimits.HtxRead);

        using var limiter = ExchangeRateLimits.HtxRead.CreateLimiter(safetyMargin: TimeSpan.FromMilliseconds(100), queueLimit: 7);
        Assert.Equal(72, limiter.PermitLimit);
        Assert.Equal(TimeSpan.FromSeconds(3), limiter.Window);
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.SafetyMargin);
        Assert.Equal(7, limiter.QueueLimit);
    }

    private static SlidingLogRateLimiter NewLimiter() => new(1, TimeSpan.FromSeconds(1), TimeProvider.System);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference ShareWithRuntimeKey(out RateLimiter limiter)
    {
        // Built at run time, so it is not an interned literal that lives for ever anyway.
        var credential = string.Concat("runtime-", Guid.NewGuid().ToString("N"));
        limiter = _registry.GetOrAdd("htx", credential, NewLimiter);
        Assert.Same(limiter, _registry.GetOrAdd("htx", string.Concat(credential.AsSpan(0, 8), credential.AsSpan(8)), NewLimiter));
        return new WeakReference(credential);
    }

    private List<string> RegistryKeys()
    {
        var field = typeof(RateLimiterRegistry).GetField("_limiters", BindingFlags.NonPublic | BindingFlags.Instance)!;
        var dictionary = (IDictionary)field.GetValue(_registry)!;
        return [.. dictionary.Keys.Cast<string>()];
    }
}
