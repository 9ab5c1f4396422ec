using GeneratedClients.Common;

namespace GeneratedClients.Bitget;

/// <summary>
/// A typed, signed client for Bitget's futures account endpoints. One call is one request: this
/// constructor adds no rate limiting, retries or clock synchronisation.
/// </summary>
public sealed class BitgetClient
{
    /// <summary>The production REST host.</summary>
    public static readonly Uri ProductionAddress = new("https://api.bitget.com/");

    /// <summary>The default upper bound of a response body, in bytes (8 MiB).</summary>
    public const long DefaultMaxResponseBytes = 8 * 1024 * 1024;

    private const string ExchangeName = "Bitget";

    private readonly HttpClient _httpClient;
    private readonly BitgetCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly string _baseUrl;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">Sends the requests; its <see cref="HttpClient.BaseAddress"/> is used when set, else <see cref="ProductionAddress"/>.</param>
    /// <param name="credentials">The API key, secret and passphrase.</param>
    /// <param name="timeProvider">The only clock the client reads (request timestamps); <see cref="TimeProvider.System"/> when null.</param>
    public BitgetClient(HttpClient httpClient, BitgetCredentials credentials, TimeProvider? timeProvider = null)
    {
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _time = timeProvider ?? TimeProvider.System;
        _baseUrl = (httpClient.BaseAddress ?? ProductionAddress).ToString();
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

    /// <summary>
    /// Gets the futures assets of every sub-account of the calling main account
    /// (<c>GET /api/v2/mix/account/sub-account-assets</c>; Bitget allows 1 request / 10 s per UID).
    /// </summary>
    /// <param name="productType">The futures line. Demo types (S-prefixed) need demo-trading credentials.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One entry per sub-account, each with one asset per margin coin.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="productType"/> is not a defined value.</exception>
    /// <exception cref="ExchangeApiException">Bitget refused the request, or its answer could not be read; the subclass says why.</exception>
    public async Task<BitgetSubAccountAssetsResult> GetSubAccountAssetsAsync(BitgetProductType productType, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(productType))
        {
            throw new ArgumentOutOfRangeException(nameof(productType), productType, "Not a Bitget product type.");
        }

        var call = new ExchangeCall(ExchangeName, MaxResponseBytes, _time);
        var api = new BitgetApi(_httpClient, _baseUrl, _credentials, _time, call);
        BitgetSubAccountAssetsResponse response;
        try
        {
            response = await api.GetSubAccountAssetsAsync(productType, Locale, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException<BitgetErrorResponse> error)
        {
            throw BitgetErrors.FromEnvelope(call, error.Result.Code, error.Result.Msg, error.Result.RequestTime, error);
        }
        catch (Exception error) when (call.TryTranslate(error, cancellationToken, out var typed))
        {
            throw typed;
        }

        if (response.Code != BitgetErrors.Success)
        {
            throw BitgetErrors.FromEnvelope(call, response.Code, response.Msg, response.RequestTime);
        }

        if (response.Data is null)
        {
            throw call.InvalidResponse("a success envelope (code 00000) without data", "data");
        }

        return new BitgetSubAccountAssetsResult(response, productType);
    }
}
