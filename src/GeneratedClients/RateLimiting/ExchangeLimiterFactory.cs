using System.Threading.RateLimiting;

namespace GeneratedClients;

/// <summary>
/// Creates the limiter of one endpoint group for one API key, in place of the built-in in-process limiter: for
/// example one shared through Redis by every process that uses the key (package
/// <c>GeneratedClients.CryptoExchangeAccounts.Redis</c>, <c>RateLimit.UseRedis(…)</c>). Set it as
/// <see cref="ExchangeRateLimitOptions.LimiterFactory"/>.
/// </summary>
/// <param name="group">
/// The limit group: the exchange, or the exchange and an endpoint family the exchange limits on its own
/// (<c>"Bitget"</c>, <c>"Bitget-accounts"</c>, <c>"HTX"</c>); letters, digits and '-' only.
/// </param>
/// <param name="limit">The group's limit: the spec's documented one, or <see cref="ExchangeRateLimitOptions.PermitLimit"/>/<see cref="ExchangeRateLimitOptions.Window"/> when set.</param>
/// <param name="apiKey">The API key the exchange counts the requests against. Do not log or store it in clear.</param>
/// <param name="timeProvider">The client's clock, for the limiter's waits.</param>
/// <returns>The limiter; it is created once per group and key and shared like the built-in one (<see cref="RateLimiterRegistry"/>), so do not dispose it while clients use it.</returns>
public delegate RateLimiter ExchangeLimiterFactory(string group, ExchangeRateLimit limit, string apiKey, TimeProvider timeProvider);
