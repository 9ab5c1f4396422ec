namespace GeneratedClients.Bitget;

/// <summary>
/// What every Bitget call for a product type returns: the list its envelope carried, the product type asked for, and
/// Bitget's time of the request (<c>requestTime</c>).
/// </summary>
/// <typeparam name="TItem">The item of the envelope's <c>data</c> list.</typeparam>
/// <typeparam name="TResponse">The envelope, as generated from the spec.</typeparam>
public abstract class BitgetResult<TItem, TResponse> : ExchangeResult<TItem, TResponse>
{
    private protected BitgetResult(TResponse response, long? requestTime, IReadOnlyList<TItem>? items, BitgetProductType productType, IReadOnlyList<WireDeviation> deviations)
        : base(response, items, deviations)
    {
        ProductType = productType;
        RequestTime = UnixTime.FromMilliseconds(requestTime);
    }

    /// <summary>The product type that was asked for.</summary>
    public BitgetProductType ProductType { get; }

    /// <summary>Bitget's server time when it handled the request (<c>requestTime</c>); null when Bitget did not send it.</summary>
    public DateTimeOffset? RequestTime { get; }
}
