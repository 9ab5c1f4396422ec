using System.Text;

namespace GeneratedClients;

/// <summary>One place where a response departed from the exchange's documented contract and the client read past it.</summary>
/// <param name="FieldPath">The field's JSON path in the response, for example <c>data[0].contract_detail[2].liquidation_price</c>.</param>
/// <param name="Kind">What the wire did there.</param>
public sealed record WireDeviation(string FieldPath, WireDeviationKind Kind)
{
    /// <summary>
    /// The deviations grouped by field (list indexes removed, <c>data[].contract_detail[].liquidation_price</c>) and kind,
    /// with how often each occurred, in the order first seen: "3 rows had no <c>liquidation_price</c>" at a glance.
    /// </summary>
    /// <param name="deviations">The deviations of a result.</param>
    /// <exception cref="ArgumentNullException"><paramref name="deviations"/> is null.</exception>
    public static IReadOnlyList<WireDeviationSummary> Summarize(IEnumerable<WireDeviation> deviations)
    {
        ArgumentNullException.ThrowIfNull(deviations);
        var counts = new Dictionary<(string, WireDeviationKind), int>();
        var order = new List<(string, WireDeviationKind)>();
        foreach (var deviation in deviations)
        {
            var key = (FieldPattern(deviation.FieldPath), deviation.Kind);
            if (counts.TryGetValue(key, out var count))
            {
                counts[key] = count + 1;
            }
            else
            {
                counts[key] = 1;
                order.Add(key);
            }
        }

        return [.. order.Select(key => new WireDeviationSummary(key.Item1, key.Item2, counts[key]))];
    }

    /// <summary>A path without its list indexes: <c>data[3].assetList[0].coupon</c> becomes <c>data[].assetList[].coupon</c>.</summary>
    private static string FieldPattern(string path)
    {
        var pattern = new StringBuilder(path.Length);
        var inIndex = false;
        foreach (var c in path)
        {
            if (c == '[')
            {
                inIndex = true;
                pattern.Append('[');
            }
            else if (c == ']')
            {
                inIndex = false;
                pattern.Append(']');
            }
            else if (!inIndex || !char.IsAsciiDigit(c))
            {
                pattern.Append(c);
            }
        }

        return pattern.ToString();
    }
}
