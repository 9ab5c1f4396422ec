using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace GeneratedClients.Json;

/// <summary>The unknown fields of one model, name to JSON text; read-only once the reader has filled it.</summary>
internal sealed class WireFields : IReadOnlyDictionary<string, string>
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);

    public int Count => _fields.Count;

    public IEnumerable<string> Keys => _fields.Keys;

    public IEnumerable<string> Values => _fields.Values;

    public string this[string key] => _fields[key];

    public bool ContainsKey(string key) => _fields.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _fields.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Sets a field; a name sent twice keeps its last value, as for known fields.</summary>
    internal void Set(string name, string json) => _fields[name] = json;
}
