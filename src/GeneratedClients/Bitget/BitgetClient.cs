using GeneratedClients.Common;
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
    /// <summary>The production REST host.</summary>
    public static readonly Uri ProductionAddress = new("https://api.bitget.com/");

    /// <summary>The default upper bound of a response body, in bytes (8 MiB).</summary>
    public const long DefaultMaxResponseBytes = 8 * 1024 * 1024;

    internal const string ExchangeName = "Bitget";

    private readonly HttpClient _httpClient;
    private readonly BitgetCredentials _credentials;
    private readonly ExchangeRuntime _runtime;
    private readonly BitgetEnvironment? _environment;
    private readonly string _baseUrl;

    /// <summary>Creates a plain client: one call, one request.</summary>
    /// <param name="httpClient">Sends the requests; its <see cref="HttpClient.BaseAddress"/> is used when set, else <see cref="ProductionAddress"/>.</param>
    /// <param name="credentials">The API key, secret and passphrase.</param>
    /// <param name="timeProvider">The only clock the client reads (request timestamps); <see cref="TimeProvider.System"/> when null.</param>
    public BitgetClient(HttpClient httpClient, BitgetCredentials credentials, TimeProvider? timeProvider = null)
    {
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _runtime = ExchangeRuntime.Plain(ExchangeName, timeProvider);
        _baseUrl = (httpClient.BaseAddress ?? ProductionAddress).ToString();
    }

    /// <summary>Creates a production client from options: rate limited, retrying, clock-synchronised, logged.</summary>
    /// <param name="httpClient">Sends the requests. <see cref="ExchangeClientOptions.BaseAddress"/>, else its <see cref="HttpClient.BaseAddress"/>, else <see cref="ProductionAddress"/>.</param>
    /// <param name="options">Credentials and settings; validated here.</param>
    /// <param name="timeProvider">The local clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Receives one line per request attempt; never a secret.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is missing or invalid; the message names it.</exception>
    public BitgetClient(HttpClient httpClient, BitgetClientOptions options, TimeProvider? timeProvider = null, ILogger<BitgetClient>? logger = null)
        : this(httpClient, BitgetClientContext.Create(options, timeProvider, logger))
    {
    }

    internal BitgetClient(HttpClient httpClient, BitgetClientContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _credentials = context.Credentials;
        _runtime = context.Runtime;
        _environment = context.Options.Environment;
        Locale = context.Options.Locale;
        MaxResponseBytes = context.Options.MaxResponseBytes;
        _baseUrl = (context.Options.BaseAddress ?? httpClient.BaseAddress ?? ProductionAddress).ToString();
        _runtime.LogAddress(_baseUrl);
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
    public TimeSpan ClockOffset => _runtime.ClockOffset;

    /// <summary>
    /// Gets the futures assets of every sub-account of the calling main account
    /// (<c>GET /api/v2/mix/account/sub-account-assets</c>; Bitget allows 1 request / 10 s per UID).
    /// </summary>
    /// <param name="productType">The futures line. Demo types (S-prefixed) need demo-trading credentials.</param>
    /// <param name="cancellationToken">Cancels the call, including any wait for the rate limiter.</param>
    /// <returns>One entry per sub-account, each with one asset per margin coin.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="productType"/> is not a defined value.</exception>
    /// <exception cref="ArgumentException"><paramref name="productType"/> does not match the configured environment (demo types need <see cref="BitgetEnvironment.DemoTrading"/>, and the reverse).</exception>
    /// <exception cref="ExchangeApiException">Bitget refused the request, or its answer could not be read; the subclass says why.</exception>
    public Task<BitgetSubAccountAssetsResult> GetSubAccountAssetsAsync(BitgetProductType productType, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(productType))
        {
            throw new ArgumentOutOfRangeException(nameof(productType), productType, "Not a Bitget product type.");
        }

        CheckEnvironment(productType);
        return _runtime.ExecuteAsync((call, clock, token) => SendAsync(productType, call, clock, token), MaxResponseBytes, GetServerTimeAsync, cancellationToken);
    }

    private async Task<BitgetSubAccountAssetsResult> SendAsync(BitgetProductType productType, ExchangeCall call, TimeProvider clock, CancellationToken cancellationToken)
    {
        var api = new BitgetApi(_httpClient, _baseUrl, _credentials, clock, call, _environment == BitgetEnvironment.DemoTrading);
        var response = await TranslateErrors(call, () => api.GetSubAccountAssetsAsync(productType, Locale, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (response.Code is null)
        {
            throw call.InvalidResponse("the envelope has no code", "code");
        }

        if (response.Code != BitgetErrors.Success)
        {
            throw BitgetErrors.FromEnvelope(call, response.Code, response.Message, response.RequestTime);
        }

        if (response.Data is null)
        {
            throw call.InvalidResponse("a success envelope (code 00000) without data", "data");
        }

        if (response.RequestTime is not null && UnixTime.FromMilliseconds(response.RequestTime) is null)
        {
            throw call.InvalidResponse("requestTime is not a time", "requestTime");
        }

        return new BitgetSubAccountAssetsResult(response, productType, call.Deviations);
    }

    /// <summary>Bitget's server time (<c>GET /api/v2/public/time</c>, unsigned), for clock synchronisation.</summary>
    private async Task<DateTimeOffset> GetServerTimeAsync(CancellationToken cancellationToken)
    {
        var call = new ExchangeCall(ExchangeName, MaxResponseBytes, _runtime.LocalClock);
        var api = new BitgetApi(_httpClient, _baseUrl, credentials: null, _runtime.LocalClock, call, demoTrading: false);
        var response = await TranslateErrors(call, () => api.GetServerTimeAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        if (response.Code != BitgetErrors.Success)
        {
            throw BitgetErrors.FromEnvelope(call, response.Code, response.Message, response.RequestTime);
        }

        return long.TryParse(response.Data?.ServerTime, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : throw call.InvalidResponse("the server time is not a number of milliseconds", "data.serverTime");
    }

    /// <summary>Runs one generated operation, turning Bitget's error envelopes and transport failures into typed errors.</summary>
    private static async Task<T> TranslateErrors<T>(ExchangeCall call, Func<Task<T>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (ApiException<BitgetErrorResponse> error)
        {
            throw BitgetErrors.FromEnvelope(call, error.Result.Code, error.Result.Message, error.Result.RequestTime);
        }
        catch (Exception error) when (call.TryTranslate(error, cancellationToken, out var typed))
        {
            throw typed;
        }
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

/// <summary>What every <see cref="BitgetClient"/> built from one set of options shares: credentials and the runtime (limiter, clock, retries).</summary>
internal sealed class BitgetClientContext
{
    private BitgetClientContext(BitgetClientOptions options, BitgetCredentials credentials, ExchangeRuntime runtime)
    {
        Options = options;
        Credentials = credentials;
        Runtime = runtime;
    }

    public BitgetClientOptions Options { get; }

    public BitgetCredentials Credentials { get; }

    public ExchangeRuntime Runtime { get; }

    public static BitgetClientContext Create(BitgetClientOptions options, TimeProvider? time, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        BitgetClientOptionsValidator.ThrowIfInvalid(options);
        var credentials = options.CreateCredentials();
        var runtime = ExchangeRuntime.Create(BitgetClient.ExchangeName, options, ExchangeRateLimits.BitgetSubAccountAssets, options.ApiKey!, time, logger);
        return new(options, credentials, runtime);
    }
}
