using System.Threading.RateLimiting;

namespace GeneratedClients;

/// <summary>
/// The documented request limits of the endpoints these clients call (read from the specs' <c>x-rate-limit</c> when the
/// clients are generated), and the process-wide registry that gives every client using the same exchange and
/// credential the same limiter, so that together they stay inside the limit the exchange applies to that credential.
/// </summary>
public static class ExchangeRateLimits
{
    /// <summary>Bitget sub-account assets: 1 request per 10 seconds per UID.</summary>
    public static ExchangeRateLimit BitgetSubAccountAssets { get; } = Bitget.BitgetApi.RateLimits.GetSubAccountAssets;

    /// <summary>Bitget main-account futures accounts (<c>GET /api/v2/mix/account/accounts</c>): 10 requests per second per UID, counted apart.</summary>
    public static ExchangeRateLimit BitgetAccounts { get; } = Bitget.BitgetApi.RateLimits.GetAccounts;

    /// <summary>HTX read endpoints: 72 requests per 3 seconds per UID.</summary>
    public static ExchangeRateLimit HtxRead { get; } = Htx.HtxApi.RateLimits.GetCrossSubAccountInfo;

    /// <summary>
    /// The limiter for <paramref name="exchange"/> and <paramref name="credentialKey"/> in this process
    /// (<see cref="RateLimiterRegistry.Default"/>), created with <paramref name="create"/> on first use and returned to
    /// every later caller with the same exchange (compared ignoring case) and credential key. Do not dispose a shared
    /// limiter: others are using it.
    /// </summary>
    /// <param name="exchange">The exchange (or exchange and endpoint group) the limit belongs to, e.g. "htx-read".</param>
    /// <param name="credentialKey">The API key the limit is counted against; only its SHA-256 fingerprint is kept.</param>
    /// <param name="create">Creates the limiter; called at most once per key (again only if it threw).</param>
    /// <returns>The shared limiter.</returns>
    /// <exception cref="ArgumentException"><paramref name="exchange"/> is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="create"/> returned null.</exception>
    public static RateLimiter Shared(string exchange, string credentialKey, Func<RateLimiter> create) =>
        RateLimiterRegistry.Default.GetOrAdd(exchange, credentialKey, create);
}
