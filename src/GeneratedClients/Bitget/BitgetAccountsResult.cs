namespace GeneratedClients.Bitget;

/// <summary>
/// The futures accounts of the calling (main) account (<c>GET /api/v2/mix/account/accounts</c>), one per margin coin,
/// unwrapped from Bitget's envelope: a read-only list, plus the exchange's time of the request and what the client
/// read past.
/// </summary>
public sealed class BitgetAccountsResult : BitgetResult<BitgetFuturesAccount, BitgetAccountsResponse>
{
    internal BitgetAccountsResult(BitgetAccountsResponse response, IReadOnlyList<BitgetFuturesAccount> data, BitgetProductType productType, IReadOnlyList<WireDeviation> deviations)
        : base(response, response.RequestTime, data, productType, deviations)
    {
    }
}
