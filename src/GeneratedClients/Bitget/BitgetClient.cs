using Microsoft.Extensions.Logging;

namespace GeneratedClients.Bitget;

/// <summary>
/// A typed, signed client for Bitget's futures account endpoints.
/// </summary>
/// <remarks>
/// Two ways to build it. The three-argument constructor is plain and predictable: one call is one
/// request, with no rate limiting, retries or clock synchronisation. The options constructor (and
/// <c>services.AddBitgetClient</c>) turns the production behaviour on: the shared per-key rate limiter,
/// retries of transient failures, per-attempt timeouts, clock synchronisation and logging.
/// </remarks>
public sealed class BitgetClient
{
    /// <summary>The production REST host (the spec's first server).</summary>
    public static readonly Uri ProductionAddress = new(BitgetApi.Servers[0].Url);

    /// <summary>The default upper bound of a response body, in bytes (8 MiB).</summary>
    public const long DefaultMaxResponseBytes = ExchangeClientOptions.DefaultMaxResponseBytes;

    /// <summary>
    /// "Bitget": the exchange's name wherever the library gives one (<see cref="ExchangeApiException.Exchange"/>,
    /// <see cref="SubAccountBalance.Exchange"/>, log lines) and the name of the client's <c>HttpClient</c> in dependency injection.
    /// </summary>
    public const string ExchangeName = "Bitget";

    private readonly ExchangeCore<BitgetApi> _core;
    private readonly BitgetEnvironment? _environment;

    /// <summary>Creates a plain client: one call, one request.</summary>
    /// <param name="httpClient">Sends the requests; its <see cref="HttpClient.BaseAddress"/> is used when set, else <see cref="ProductionAddress"/>.</param>
    /// <param name="credentials">The API key, secret and passphrase.</param>
    /// <param name="timeProvider">The only clock the client reads (request timestamps); <see cref="TimeProvider.System"/> when null.</param>
    public BitgetClient(HttpClient httpClient, BitgetCredentials credentials, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(credentials);
        _core = new(new BitgetProtocol(credentials, demoTrading: false), httpClient, httpClient.BaseAddress ?? ProductionAddress, ExchangeRuntime.Plain(ExchangeName, timeProvider));
    }

    /// <summary>Creates a production client from options: rate limited, retrying, clock-synchronised, logged.</summary>
    /// <param name="httpClient">Sends the requests: to <see cref="ExchangeClientOptions.BaseAddress"/>, else to its own <see cref="HttpClient.BaseAddress"/>, else to <see cref="ProductionAddress"/>.</param>
    /// <param name="options">Credentials and settings; validated here.</param>
    /// <param name="timeProvider">The local clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Receives one line per request attempt; never a secret.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is missing or invalid; the message names it.</exception>
    public BitgetClient(HttpClient httpClient, BitgetClientOptions options, TimeProvider? timeProvider = null, ILogger<BitgetClient>? logger = null)
        : this(httpClient, CreateContext(options, timeProvider, logger))
    {
    }

    internal BitgetClient(HttpClient httpClient, ExchangeClientContext<BitgetClientOptions, BitgetCredentials> context)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        var options = context.Options;
        _environment = options.Environment;
        Locale = options.Locale;
        MaxResponseBytes = options.MaxResponseBytes;
        _core = new(new BitgetProtocol(context.Credentials, options.Environment == BitgetEnvironment.DemoTrading), httpClient, options.BaseAddress ?? httpClient.BaseAddress ?? ProductionAddress, context.Runtime);
    }

    /// <summary>The language of Bitget's error messages (the <c>locale</c> header); <c>en-US</c> by default.</summary>
    public string Locale
    {
        get;
        init => field = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("The locale must not be empty.", nameof(value)) : value;
    } = "en-US";

    /// <summary>Responses larger than this many bytes are refused without being read further.</summary>
    public long MaxResponseBytes
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "The limit must be positive.");
    } = DefaultMaxResponseBytes;

    /// <summary>The measured offset of Bitget's clock from the local one (zero without clock synchronisation).</summary>
    public TimeSpan ClockOffset => _core.Runtime.ClockOffset;

    /// <summary>True once Bitget's server time was measured: <see cref="ClockOffset"/> is then a measurement, not the zero of none.</summary>
    public bool IsClockOffsetMeasured => _core.Runtime.ClockMeasured;

    /// <summary>Why the latest server-time measurement failed (it never fails a call; the last offset stays); null after a success or before any.</summary>
    public ExchangeApiException? ClockSyncError => _core.Runtime.ClockSyncError;

    /// <summary>
    /// Gets the futures assets of every sub-account of the calling main account
    /// (<c>GET /api/v2/mix/account/sub-account-assets</c>; Bitget allows 1 request / 10 s per UID:
    /// <see cref="ExchangeRateLimits.BitgetSubAccountAssets"/>).
    /// </summary>
    /// <param name="productType">The futures line. Demo types need demo-trading credentials.</param>
    /// <param name="cancellationToken">Cancels the call, including any wait for the rate limiter.</param>
    /// <returns>One entry per sub-account, each with one asset per margin coin.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="productType"/> is not a defined value.</exception>
    /// <exception cref="ArgumentException"><paramref name="productType"/> does not match the configured environment (demo types need <see cref="BitgetEnvironment.DemoTrading"/>, and the reverse).</exception>
    /// <exception cref="ExchangeApiException">Bitget refused the request, or its answer could not be read; the subclass says why.</exception>
    public Task<BitgetSubAccountAssetsResult> GetSubAccountAssetsAsync(BitgetProductType productType, CancellationToken cancellationToken = default)
    {
        CheckProductType(productType);
        return _core.CallAsync(
            BitgetApi.Operations.GetSubAccountAssets,
            (api, token) => api.GetSubAccountAssetsAsync(productType, Locale, token),
            (envelope, call) => new BitgetSubAccountAssetsResult(envelope, BitgetEnvelope.Data(call, envelope.Code, envelope.Message, envelope.RequestTime, envelope.Data), productType, call.Deviations),
            (ExchangeName, ExchangeRateLimits.BitgetSubAccountAssets),
            MaxResponseBytes,
            cancellationToken);
    }

    /// <summary>
    /// Gets the futures accounts of the calling (main) account, one per margin coin
    /// (<c>GET /api/v2/mix/account/accounts</c>; Bitget allows 10 requests / 1 s per UID:
    /// <see cref="ExchangeRateLimits.BitgetAccounts"/>).
    /// </summary>
    /// <param name="productType">The futures line. Demo types need demo-trading credentials.</param>
    /// <param name="cancellationToken">Cancels the call, including any wait for the rate limiter.</param>
    /// <returns>One account per margin coin.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="productType"/> is not a defined value.</exception>
    /// <exception cref="ArgumentException"><paramref name="productType"/> does not match the configured environment.</exception>
    /// <exception cref="ExchangeApiException">Bitget refused the request, or its answer could not be read; the subclass says why.</exception>
    public Task<BitgetAccountsResult> GetAccountsAsync(BitgetProductType productType, CancellationToken cancellationToken = default)
    {
        CheckProductType(productType);
        return _core.CallAsync(
            BitgetApi.Operations.GetAccounts,
            (api, token) => api.GetAccountsAsync(productType, Locale, token),
            (envelope, call) => new BitgetAccountsResult(envelope, BitgetEnvelope.Data(call, envelope.Code, envelope.Message, envelope.RequestTime, envelope.Data), productType, call.Deviations),
            (ExchangeName + "-accounts", ExchangeRateLimits.BitgetAccounts),
            MaxResponseBytes,
            cancellationToken);
    }

    internal static ExchangeClientContext<BitgetClientOptions, BitgetCredentials> CreateContext(BitgetClientOptions options, TimeProvider? time, ILogger? logger, RateLimiterRegistry? registry = null) =>
        ExchangeClientContext<BitgetClientOptions, BitgetCredentials>.Create(
            ExchangeName, options, new BitgetClientOptionsValidator(), o => o.CreateCredentials(), o => o.ApiKey!, time, logger, registry);


    private void CheckProductType(BitgetProductType productType)
    {
        if (!Enum.IsDefined(productType))
        {
            throw new ArgumentOutOfRangeException(nameof(productType), productType, "Not a Bitget product type.");
        }

        CheckEnvironment(productType);
    }

    private void CheckEnvironment(BitgetProductType productType)
    {
        if (_environment is not BitgetEnvironment environment)
        {
            return;
        }

        var demoType = productType is BitgetProductType.UsdtFuturesDemo or BitgetProductType.CoinFuturesDemo or BitgetProductType.UsdcFuturesDemo;
        if (demoType && environment != BitgetEnvironment.DemoTrading)
        {
            throw new ArgumentException($"{productType} is a demo-trading product type; set Bitget:Environment to DemoTrading to use it, or use the type without Demo.", nameof(productType));
        }

        if (!demoType && environment == BitgetEnvironment.DemoTrading)
        {
            throw new ArgumentException($"Demo trading needs the demo product types (UsdtFuturesDemo, CoinFuturesDemo, UsdcFuturesDemo), not {productType}.", nameof(productType));
        }
    }
}
