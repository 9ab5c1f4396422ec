using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace GeneratedClients;

/// <summary>A documented exchange limit: at most <see cref="PermitLimit"/> requests in any <see cref="Window"/>.</summary>
/// <param name="PermitLimit">The most requests allowed in any <paramref name="Window"/>.</param>
/// <param name="Window">The length of the interval the exchange counts requests over.</param>
public readonly record struct ExchangeRateLimit(int PermitLimit, TimeSpan Window)
{
    /// <summary>Creates a <see cref="SlidingLogRateLimiter"/> that keeps callers inside this limit.</summary>
    /// <param name="timeProvider">The clock and timer source; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="safetyMargin">Extra spacing added to <see cref="Window"/>, to absorb clock skew and jitter.</param>
    /// <param name="queueLimit">The most waiters that may be queued at once.</param>
    /// <returns>A new limiter; share it with <see cref="ExchangeRateLimits.Shared"/>.</returns>
    public SlidingLogRateLimiter CreateLimiter(TimeProvider? timeProvider = null, TimeSpan safetyMargin = default, int queueLimit = int.MaxValue) =>
        new(PermitLimit, Window, timeProvider, safetyMargin, queueLimit);
}

/// <summary>
/// The documented request limits of the endpoints these clients call, and a process-wide registry that gives
/// every client using the same exchange and credential the same limiter, so that together they stay inside the
/// limit the exchange applies to that credential.
/// </summary>
public static class ExchangeRateLimits
{
    // Keyed by exchange and a SHA-256 fingerprint of the credential key: the raw key is never stored here.
    // Lazy so that the factory runs once per key even when threads race to create the limiter.
    private static readonly ConcurrentDictionary<string, Lazy<RateLimiter>> Limiters = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Bitget sub-account assets: 1 request per 10 seconds.</summary>
    public static ExchangeRateLimit BitgetSubAccountAssets { get; } = new(1, TimeSpan.FromSeconds(10));

    /// <summary>HTX read endpoints: 72 requests per 3 seconds.</summary>
    public static ExchangeRateLimit HtxRead { get; } = new(72, TimeSpan.FromSeconds(3));

    /// <summary>
    /// The limiter for <paramref name="exchange"/> and <paramref name="credentialKey"/> in this process, created
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
    public static RateLimiter Shared(string exchange, string credentialKey, Func<RateLimiter> create)
    {
        ArgumentException.ThrowIfNullOrEmpty(exchange);
        ArgumentNullException.ThrowIfNull(credentialKey);
        ArgumentNullException.ThrowIfNull(create);

        var key = string.Concat(exchange, ":", Fingerprint(credentialKey));
        var entry = Limiters.GetOrAdd(
            key,
            static (_, factory) => new Lazy<RateLimiter>(
                () => factory() ?? throw new InvalidOperationException("The rate limiter factory returned null."),
                LazyThreadSafetyMode.ExecutionAndPublication),
            create);
        try
        {
            return entry.Value;
        }
        catch
        {
            // A Lazy caches its exception; drop the entry so that the next caller tries again.
            Limiters.TryRemove(new KeyValuePair<string, Lazy<RateLimiter>>(key, entry));
            throw;
        }
    }

    /// <summary>Forgets every shared limiter (without disposing them), so each test starts from an empty registry.</summary>
    internal static void ResetForTests() => Limiters.Clear();

    private static string Fingerprint(string credentialKey)
    {
        // The key's bytes are wiped after hashing, so no copy of the raw key outlives this call.
        var bytes = Encoding.UTF8.GetBytes(credentialKey);
        try
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes, hash);
            return Convert.ToHexString(hash);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
