using GeneratedClients.Common;

namespace GeneratedClients.Htx;

/// <summary>
/// A typed, signed client for HTX's USDT-margined swap account endpoints. One call is one request:
/// this constructor adds no rate limiting, retries or clock synchronisation.
/// </summary>
public sealed class HtxClient
{
    /// <summary>The production swap host.</summary>
    public static readonly Uri ProductionAddress = new("https://api.hbdm.com/");

    /// <summary>The production swap host preferred by AWS customers.</summary>
    public static readonly Uri AwsAddress = new("https://api.hbdm.vn/");

    /// <summary>The default upper bound of a response body, in bytes (8 MiB).</summary>
    public const long DefaultMaxResponseBytes = 8 * 1024 * 1024;

    private const string ExchangeName = "HTX";

    private readonly HttpClient _httpClient;
    private readonly HtxCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly string _baseUrl;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">Sends the requests; its <see cref="HttpClient.BaseAddress"/> is used (and signed) when set, else <see cref="ProductionAddress"/>.</param>
    /// <param name="credentials">The access key and secret key.</param>
    /// <param name="timeProvider">The only clock the client reads (request timestamps); <see cref="TimeProvider.System"/> when null.</param>
    public HtxClient(HttpClient httpClient, HtxCredentials credentials, TimeProvider? timeProvider = null)
    {
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _time = timeProvider ?? TimeProvider.System;
        _baseUrl = (httpClient.BaseAddress ?? ProductionAddress).ToString();
    }

    /// <summary>Responses larger than this many bytes are refused without being read further.</summary>
    public long MaxResponseBytes
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "The limit must be positive.");
    } = DefaultMaxResponseBytes;

    /// <summary>
    /// Gets the cross-margin assets of one sub-account
    /// (<c>POST /linear-swap-api/v1/swap_cross_sub_account_info</c>; HTX allows 72 reads / 3 s per UID).
    /// </summary>
    /// <param name="subUid">The sub-account UID (positive).</param>
    /// <param name="marginAccount">The margin account (<c>"USDT"</c>); null for all margin accounts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One entry per margin account; empty when the sub-account has not activated contract trading.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="subUid"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="marginAccount"/> is empty or whitespace.</exception>
    /// <exception cref="ExchangeApiException">HTX refused the request, or its answer could not be read; the subclass says why.</exception>
    public async Task<HtxCrossSubAccountInfoResult> GetCrossSubAccountInfoAsync(long subUid, string? marginAccount = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(subUid);
        if (marginAccount is not null && string.IsNullOrWhiteSpace(marginAccount))
        {
            throw new ArgumentException("The margin account must be null (all accounts) or a name such as \"USDT\".", nameof(marginAccount));
        }

        var call = new ExchangeCall(ExchangeName, MaxResponseBytes, _time);
        var api = new HtxApi(_httpClient, _baseUrl, _credentials, _time, call);
        HtxCrossSubAccountInfoResponse response;
        try
        {
            var body = new HtxCrossSubAccountInfoRequest { SubUid = subUid, MarginAccount = marginAccount };
            response = await api.GetCrossSubAccountInfoAsync(body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (call.TryTranslate(error, cancellationToken, out var typed))
        {
            throw typed;
        }

        if (response.Status != HtxCrossSubAccountInfoResponseStatus.Ok)
        {
            throw HtxErrors.FromEnvelope(call, response.ErrCode, response.ErrMsg, response.Ts);
        }

        if (response.Data is null)
        {
            throw call.InvalidResponse("status \"ok\" without data", "data");
        }

        return new HtxCrossSubAccountInfoResult(response, subUid);
    }
}
