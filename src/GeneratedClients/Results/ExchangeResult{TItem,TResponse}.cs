namespace GeneratedClients;

/// <summary>
/// An <see cref="ExchangeResult{TItem}"/> that also keeps the whole envelope it was unwrapped from, read-only, including
/// the fields the spec does not describe (<c>AdditionalProperties</c>).
/// </summary>
/// <typeparam name="TItem">The item of the envelope's data list.</typeparam>
/// <typeparam name="TResponse">The envelope, as generated from the exchange's spec.</typeparam>
public abstract class ExchangeResult<TItem, TResponse> : ExchangeResult<TItem>
{
    private protected ExchangeResult(TResponse response, IReadOnlyList<TItem>? items, IReadOnlyList<WireDeviation> deviations)
        : base(items, deviations) => Response = response;

    /// <summary>The whole envelope as received, read-only, including fields the spec does not describe (<c>AdditionalProperties</c>).</summary>
    public TResponse Response { get; }
}
