namespace GeneratedClients.Bitget;

/// <summary>
/// The futures accounts of the calling (main) account, one per margin coin, unwrapped from Bitget's envelope: a
/// read-only list, plus the exchange's time of the request and what the client read past.
/// </summary>
public sealed class BitgetAccountsResult : ExchangeResult<BitgetFuturesAccount>
{
    internal BitgetAccountsResult(BitgetAccountsResponse response, IReadOnlyList<BitgetFuturesAccount> data, BitgetProductType productType, IReadOnlyList<WireDeviation> deviations)
        : base(data, deviations)
    {
        Response = response;
        ProductType = productType;
    }

    /// <summary>The product type that was asked for.</summary>
    public BitgetProductType ProductType { get; }

    /// <summary>Bitget's server time when it handled the request (<c>requestTime</c>); null when Bitget did not send it.</summary>
    public DateTimeOffset? RequestTime => UnixTime.FromMilliseconds(Response.RequestTime);

    /// <summary>The whole envelope as received, read-only, including fields the spec does not describe (<c>AdditionalProperties</c>).</summary>
    public BitgetAccountsResponse Response { get; }
}
