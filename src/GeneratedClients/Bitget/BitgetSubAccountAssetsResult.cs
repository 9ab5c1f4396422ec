namespace GeneratedClients.Bitget;

/// <summary>
/// The futures assets of every sub-account, unwrapped from Bitget's envelope: a list with one entry per
/// sub-account, plus the exchange's time of the request.
/// </summary>
public sealed class BitgetSubAccountAssetsResult : ExchangeResult<BitgetSubAccountAssets>
{
    internal BitgetSubAccountAssetsResult(BitgetSubAccountAssetsResponse response, BitgetProductType productType)
        : base(response.Data)
    {
        Response = response;
        ProductType = productType;
    }

    /// <summary>The product type that was asked for.</summary>
    public BitgetProductType ProductType { get; }

    /// <summary>Bitget's server time when it handled the request (<c>requestTime</c>).</summary>
    public DateTimeOffset RequestTime => DateTimeOffset.FromUnixTimeMilliseconds(Response.RequestTime);

    /// <summary>The whole envelope as received, including fields the spec does not describe.</summary>
    public BitgetSubAccountAssetsResponse Response { get; }
}
