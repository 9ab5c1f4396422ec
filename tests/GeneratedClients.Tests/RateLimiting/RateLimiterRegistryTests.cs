using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using GeneratedClients.Tests.Support;

namespace GeneratedClients.Tests.RateLimiting;

/// <summary>The registry is process-wide: its tests run alone, so that clearing it cannot disturb other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideRegistry
{
    public const string Name = "Process-wide rate limiter registry";
}

[Collection(ProcessWideRegistry.Name)]
public sealed class RateLimiterRegistryTests : IDisposable
{
    public RateLimiterRegistryTests() => ExchangeRateLimits.ResetForTests();

    public void Dispose() => ExchangeRateLimits.ResetForTests();

    [Fact]
    public void The_same_exchange_and_credential_share_one_limiter_created_once()
    {
        var created = 0;
        RateLimiter Create()
        {
            created++;
            return NewLimiter();
        }

        var first = ExchangeRateLimits.Shared("htx", "key-1", Create);
        var second = ExchangeRateLimits.Shared("htx", "key-1", Create);
        var differentCase = ExchangeRateLimits.Shared("HTX", "key-1", Create);

        Assert.Same(first, second);
        Assert.Same(first, differentCase);
        Assert.Equal(1, created);
    }

    [Fact]
    public void Different_credentials_or_exchanges_get_different_limiters()
    {
        var htx1 = ExchangeRateLimits.Shared("htx", "key-1", NewLimiter);
        var htx2 = ExchangeRateLimits.Shared("htx", "key-2", NewLimiter);
        var bitget1 = ExchangeRateLimits.Shared("bitget", "key-1", NewLimiter);
        var keyCase = ExchangeRateLimits.Shared("htx", "KEY-1", NewLimiter); // credential keys are case-sensitive

        Assert.Equal(4, new HashSet<RateLimiter>([htx1, htx2, bitget1, keyCase], ReferenceEqualityComparer.Instance).Count);
    }

    [Fact]
    public void A_shared_limiter_is_shared_state_one_client_using_it_uses_it_up_for_the_other()
    {
        var clock = TestTime.At(1_700_000_000_000);
        var limit = ExchangeRateLimits.BitgetSubAccountAssets;

        var clientA = ExchangeRateLimits.Shared("bitget", "key", () => limit.CreateLimiter(clock));
        var clientB = ExchangeRateLimits.Shared("bitget", "key", () => limit.CreateLimiter(clock));

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
            limiters[i] = ExchangeRateLimits.Shared("htx", "race", () =>
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
        Assert.Throws<InvalidOperationException>(() => ExchangeRateLimits.Shared("htx", "key", () => throw new InvalidOperationException("boom")));

        var limiter = ExchangeRateLimits.Shared("htx", "key", NewLimiter);

        Assert.Same(limiter, ExchangeRateLimits.Shared("htx", "key", NewLimiter));
    }

    [Fact]
    public void A_factory_that_returns_null_is_an_error()
    {
        Assert.Throws<InvalidOperationException>(() => ExchangeRateLimits.Shared("htx", "key", () => null!));
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentException>(() => ExchangeRateLimits.Shared("", "key", NewLimiter));
        Assert.Throws<ArgumentNullException>(() => ExchangeRateLimits.Shared(null!, "key", NewLimiter));
        Assert.Throws<ArgumentNullException>(() => ExchangeRateLimits.Shared("htx", null!, NewLimiter));
        Assert.Throws<ArgumentNullException>(() => ExchangeRateLimits.Shared("htx", "key", null!));
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
        ExchangeRateLimits.Shared("bitget", credential, NewLimiter);

        var keys = RegistryKeys();

        var key = Assert.Single(keys);
        Assert.DoesNotContain(credential, key, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credential))), key, StringComparison.Ordinal);
    }

    [Fact]
    public void ResetForTests_forgets_the_shared_limiters()
    {
        var before = ExchangeRateLimits.Shared("htx", "key", NewLimiter);

        ExchangeRateLimits.ResetForTests();

        Assert.NotSame(before, ExchangeRateLimits.Shared("htx", "key", NewLimiter));
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
    private static WeakReference ShareWithRuntimeKey(out RateLimiter limiter)
    {
        // Built at run time, so it is not an interned literal that lives for ever anyway.
        var credential = string.Concat("runtime-", Guid.NewGuid().ToString("N"));
        limiter = ExchangeRateLimits.Shared("htx", credential, NewLimiter);
        Assert.Same(limiter, ExchangeRateLimits.Shared("htx", string.Concat(credential.AsSpan(0, 8), credential.AsSpan(8)), NewLimiter));
        return new WeakReference(credential);
    }

    private static List<string> RegistryKeys()
    {
        var field = typeof(ExchangeRateLimits).GetFields(BindingFlags.NonPublic | BindingFlags.Static)
            .Single(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(System.Collections.Concurrent.ConcurrentDictionary<,>));
        var dictionary = (IDictionary)field.GetValue(null)!;
        return [.. dictionary.Keys.Cast<string>()];
    }
}
