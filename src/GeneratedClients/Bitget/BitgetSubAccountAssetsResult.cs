namespace GeneratedClients.Bitget;

/// <summary>
/// The futures assets of every sub-account (<c>GET /api/v2/mix/account/sub-account-assets</c>), unwrapped from Bitget's
/// envelope: a read-only list with one entry per sub-account, plus the exchange's time of the request and what the
/// client read past.
/// </summary>
public sealed class BitgetSubAccountAssetsResult : BitgetResult<BitgetSubAccountAssets, BitgetSubAccountAssetsResponse>
{
    internal BitgetSubAccountAssetsResult(BitgetSubAccountAssetsResponse response, IReadOnlyList<BitgetSubAccountAssets> data, BitgetProductType productType, IReadOnlyList<WireDeviation> deviations)
        : base(response, response.RequestTime, data, productType, deviations)
    {
    }
}
