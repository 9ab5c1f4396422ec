using System.Collections;

namespace GeneratedClients;

/// <summary>
/// What a call returns once the exchange's envelope is unwrapped: the list the envelope carried, read
/// like any <see cref="IReadOnlyList{T}"/>; the subclass adds the envelope's own fields.
/// </summary>
/// <typeparam name="TItem">The item of the envelope's data list.</typeparam>
public abstract class ExchangeResult<TItem> : IReadOnlyList<TItem>
{
    private readonly IReadOnlyList<TItem> _items;

    private protected ExchangeResult(ICollection<TItem>? items) =>
        _items = items is IReadOnlyList<TItem> list ? list : [.. items ?? []];

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public TItem this[int index] => _items[index];

    /// <inheritdoc />
    public IEnumerator<TItem> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
