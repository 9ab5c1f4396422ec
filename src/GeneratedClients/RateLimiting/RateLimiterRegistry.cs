using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace GeneratedClients;

/// <summary>
/// What the clients of one process share per exchange and API key (one key = one UID, which the exchange counts
/// requests against): the rate limiter, and the measured offset to the exchange's clock. <see cref="Default"/> is
/// the process-wide registry every client uses unless <see cref="ExchangeRateLimitOptions.Registry"/> names another
/// (a test, or a part of an application that must not share).
/// </summary>
public sealed class RateLimiterRegistry
{
    // Keyed by exchange and a SHA-256 fingerprint of the credential key: the raw key is never stored here.
    // Lazy so that the factory runs once per key even when threads race to create the value.
    private readonly ConcurrentDictionary<string, Lazy<RateLimiter>> _limiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string Key, TimeProvider Clock), Lazy<ExchangeClock>> _clocks = new();

    /// <summary>The process-wide registry.</summary>
    public static RateLimiterRegistry Default { get; } = new();

    /// <summary>
    /// The limiter for <paramref name="exchange"/> and <paramref name="credentialKey"/> in this registry, created
    /// with <paramref name="create"/> on first use and returned to every later caller with the same exchange
    /// (compared ignoring case) and credential key. Do not dispose a shared limiter: others are using it.
    /// </summary>
    /// <param name="exchange">The exchange (or exchange and endpoint group) the limit belongs to, e.g. "htx-read".</param>
    /// <param name="credentialKey">The API key the limit is counted against; only its SHA-256 fingerprint is kept.</param>
    /// <param name="create">Creates the limiter; called at most once per key (again only if it threw).</param>
    /// <returns>The shared limiter.</returns>
    /// <exception cref="ArgumentException"><paramref name="exchange"/> is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="create"/> returned null.</exception>
    public RateLimiter GetOrAdd(string exchange, string credentialKey, Func<RateLimiter> create)
    {
        ArgumentException.ThrowIfNullOrEmpty(exchange);
        ArgumentNullException.ThrowIfNull(credentialKey);
        ArgumentNullException.ThrowIfNull(create);
        return GetOrAdd(_limiters, Key(exchange, credentialKey), () => create() ?? throw new InvalidOperationException("The rate limiter factory returned null."));
    }

    /// <summary>
    /// The clock synchronised with <paramref name="exchange"/> for this key and local clock: every client of the key
    /// shares one measurement (the offset is between that local clock and the exchange, so another local clock gets its own).
    /// </summary>
    internal ExchangeClock GetOrAddClock(string exchange, string credentialKey, TimeProvider local, Func<ExchangeClock> create) =>
        GetOrAdd(_clocks, (Key(exchange, credentialKey), local), create);

    private static TValue GetOrAdd<TKey, TValue>(ConcurrentDictionary<TKey, Lazy<TValue>> values, TKey key, Func<TValue> create)
        where TKey : notnull
    {
        var entry = values.GetOrAdd(key, static (_, factory) => new Lazy<TValue>(factory, LazyThreadSafetyMode.ExecutionAndPublication), create);
        try
        {
            return entry.Value;
        }
        catch
        {
            // A Lazy caches its exception; drop the entry so that the next caller tries again.
            values.TryRemove(new KeyValuePair<TKey, Lazy<TValue>>(key, entry));
            throw;
        }
    }

    private static string Key(string exchange, string credentialKey)
    {
        // The key's bytes are wiped after hashing, so no copy of the raw key outlives this call.
        var bytes = Encoding.UTF8.GetBytes(credentialKey);
        try
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes, hash);
            return string.Concat(exchange, ":", Convert.ToHexString(hash));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
