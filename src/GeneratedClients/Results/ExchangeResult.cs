using System.Collections;

namespace GeneratedClients;

/// <summary>
/// What a call returns once the exchange's envelope is unwrapped: the list the envelope carried, read-only, read
/// like any <see cref="IReadOnlyList{T}"/>; the subclass adds the envelope's own fields. A result never changes after
/// the call.
/// </summary>
/// <typeparam name="TItem">The item of the envelope's data list.</typeparam>
public abstract class ExchangeResult<TItem> : IReadOnlyList<TItem>
{
    private readonly IReadOnlyList<TItem> _items;
    private IReadOnlyList<WireDeviationSummary>? _summary;

    private protected ExchangeResult(IReadOnlyList<TItem>? items, IReadOnlyList<WireDeviation> deviations)
    {
        _items = items ?? [];
        Deviations = deviations;
    }

    /// <summary>
    /// Where the response departed from the exchange's documented contract and the client read past it (a field
    /// missing, <c>null</c> or <c>""</c>; a figure in the other form), in the order met; empty when it kept to it.
    /// </summary>
    public IReadOnlyList<WireDeviation> Deviations { get; }

    /// <summary>
    /// <see cref="Deviations"/> grouped by field (list indexes removed) and kind, with counts: for example
    /// <c>data[].contract_detail[].liquidation_price Null ×3</c>.
    /// </summary>
    public IReadOnlyList<WireDeviationSummary> DeviationSummary => _summary ??= WireDeviation.Summarize(Deviations);

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public TItem this[int index] => _items[index];

    /// <inheritdoc />
    public IEnumerator<TItem> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
