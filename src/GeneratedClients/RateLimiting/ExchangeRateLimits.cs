namespace GeneratedClients;

/// <summary>
/// The documented request limits of the endpoints these clients call, read from the specs' <c>x-rate-limit</c> when the
/// clients are generated. Each endpoint group has its own limiter per API key (<see cref="RateLimiterRegistry"/>).
/// </summary>
public static class ExchangeRateLimits
{
    /// <summary>Bitget sub-account assets (<c>GET /api/v2/mix/account/sub-account-assets</c>): 1 request per 10 seconds per UID.</summary>
    public static ExchangeRateLimit BitgetSubAccountAssets { get; } = Bitget.BitgetApi.RateLimits.GetSubAccountAssets;

    /// <summary>Bitget main-account futures accounts (<c>GET /api/v2/mix/account/accounts</c>): 10 requests per second per UID, counted apart.</summary>
    public static ExchangeRateLimit BitgetAccounts { get; } = Bitget.BitgetApi.RateLimits.GetAccounts;

    /// <summary>HTX read endpoints: 72 requests per 3 seconds per UID.</summary>
    public static ExchangeRateLimit HtxRead { get; } = Htx.HtxApi.RateLimits.GetCrossSubAccountInfo;
}
