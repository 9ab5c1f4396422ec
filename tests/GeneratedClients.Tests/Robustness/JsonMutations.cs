using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GeneratedClients.Tests.Robustness;

/// <summary>One hostile body made from a wire sample.</summary>
/// <param name="Family">What the mutation did (field, item, unknown-field, duplicate-key, truncation, byte-flip, random).</param>
/// <param name="Mutation">The mutation's name within the family (drop, null, 1e400, …).</param>
/// <param name="Path">The JSON path of the mutated value (<c>data[0].assetList[0].locked</c>), when one value was mutated.</param>
/// <param name="Body">The bytes the server sends.</param>
/// <param name="Raw">The JSON text that replaced the value, for the value mutations.</param>
internal sealed record HostileBody(string Family, string Mutation, string? Path, byte[] Body, string? Raw = null)
{
    /// <summary>The path with array indices removed (<c>data[].assetList[].locked</c>), which the schema table is keyed by.</summary>
    public string? Pattern => Path is null ? null : JsonMutations.PatternOf(Path);

    public string Text => Encoding.UTF8.GetString(Body);

    public override string ToString() => $"{Family}/{Mutation} at {Path ?? "(body)"}";
}

/// <summary>
/// Builds hostile bodies from a sample: every value at every depth dropped, nulled, emptied, given the
/// wrong JSON type or an absurd number; every array item dropped or replaced; unknown fields and
/// duplicated keys added; the text cut at every structural point; and seeded random damage.
/// </summary>
internal static class JsonMutations
{
    public const string UnknownField = "x_unknown_field";

    private const string RawMarker = "@@RAW-VALUE@@";
    private const string DuplicateMarker = "@@DUPLICATE-KEY@@";

    /// <summary>The replacement values: name, and the raw JSON that replaces the value (null when it does not apply to that value).</summary>
    public static readonly IReadOnlyList<(string Name, Func<JToken, string?> Raw)> ValueMutations =
    [
        ("null", _ => "null"),
        ("empty-string", _ => "\"\""),
        ("object", _ => "{}"),
        ("array", v => v.Type == JTokenType.Array ? null : "[]"), // an array emptied is its own mutation
        ("emptied", v => v.Type == JTokenType.Array && v.HasValues ? "[]" : null),
        ("bool", _ => "true"),
        ("number-string-swap", SwapNumberAndString),
        ("1e400", _ => "1e400"),
        ("40-digit-integer", _ => "1234567890123456789012345678901234567890"),
        ("-0", _ => "-0"),
        ("1e-400", _ => "1e-400"),
        ("long.MaxValue", _ => "9223372036854775807"),
        ("max-date-ms", _ => "253402300799999"),
        ("fraction", _ => "1.5"),
    ];

    /// <summary>Values given to an unknown field added to every object; a new field must never break reading.</summary>
    public static readonly IReadOnlyList<(string Name, string Raw)> UnknownValues =
    [
        ("text", "\"new\""),
        ("null", "null"),
        ("nested", "{\"a\":{\"b\":[1,\"x\",null,{\"c\":true}]}}"),
        ("50-digit-integer", "12345678901234567890123456789012345678901234567890"),
        ("1e400", "1e400"),
        ("1e30", "1.5e30"),
    ];

    public static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            FloatParseHandling = FloatParseHandling.Decimal,
            DateParseHandling = DateParseHandling.None,
        };
        return JToken.ReadFrom(reader);
    }

    private static IEnumerable<JToken> AllTokens(JToken root) => root is JContainer container ? container.DescendantsAndSelf() : [root];

    public static string PatternOf(string path)
    {
        var text = new StringBuilder(path.Length);
        var inIndex = false;
        foreach (var c in path)
        {
            if (c == '[')
            {
                inIndex = true;
                text.Append('[');
            }
            else if (c == ']')
            {
                inIndex = false;
                text.Append(']');
            }
            else if (!inIndex)
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>The systematic mutations of one sample: every value, every array item, every object.</summary>
    public static IEnumerable<HostileBody> Systematic(string json)
    {
        var root = Parse(json);
        foreach (var property in AllTokens(root).OfType<JProperty>().ToList())
        {
            var path = property.Value.Path;
            yield return Edit(root, path, "field", "drop", (copy, _) => ((JProperty)copy.Parent!).Remove());
            foreach (var (name, raw) in ValueMutations)
            {
                var replacement = raw(property.Value);
                if (replacement is not null)
                {
                    yield return Edit(root, path, "field", name, (copy, _) => copy.Replace(RawMarker), replacement);
                }
            }

            // A duplicated key whose second copy holds the same value: reading must give the same result.
            yield return Edit(root, path, "duplicate-key", "same-value", (copy, _) => ((JProperty)copy.Parent!).AddAfterSelf(new JProperty(DuplicateMarker, copy.DeepClone())), duplicateOf: property.Name);
        }

        foreach (var array in AllTokens(root).OfType<JArray>().ToList())
        {
            for (var i = 0; i < array.Count; i++)
            {
                var path = array[i].Path;
                yield return Edit(root, path, "item", "dropped", (copy, _) => copy.Remove());
                yield return Edit(root, path, "item", "null", (copy, _) => copy.Replace(JValue.CreateNull()));
                yield return Edit(root, path, "item", "number", (copy, _) => copy.Replace(new JValue(42)));
                yield return Edit(root, path, "item", "text", (copy, _) => copy.Replace(new JValue("x")));
            }
        }

        foreach (var obj in AllTokens(root).OfType<JObject>().ToList())
        {
            foreach (var (name, raw) in UnknownValues)
            {
                yield return Edit(root, obj.Path, "unknown-field", name, (copy, _) => ((JObject)copy).Add(new JProperty(UnknownField, RawMarker)), raw);
            }
        }
    }

    /// <summary>The sample's own text cut at every structural character (before and after it) and in the middle of every string.</summary>
    public static IEnumerable<HostileBody> Truncations(string json)
    {
        var whole = json.TrimEnd().Length;
        var cuts = new SortedSet<int>();
        var inString = false;
        var stringStart = 0;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                    if (i - stringStart > 1)
                    {
                        cuts.Add(stringStart + ((i - stringStart) / 2) + 1); // inside the string
                    }

                    cuts.Add(i);
                    cuts.Add(i + 1);
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                stringStart = i;
                cuts.Add(i);
                cuts.Add(i + 1);
            }
            else if (c is '{' or '}' or '[' or ']' or ',' or ':')
            {
                cuts.Add(i);
                cuts.Add(i + 1);
            }
        }

        foreach (var cut in cuts.Where(c => c < whole))
        {
            var prefix = json[..cut];
            yield return new HostileBody("truncation", "at-" + cut.ToString(CultureInfo.InvariantCulture), null, Encoding.UTF8.GetBytes(prefix));
        }
    }

    /// <summary>Seeded random damage: byte flips, random cuts, several field mutations at once, duplicated keys with other values.</summary>
    public static IEnumerable<HostileBody> Random(string json, Random random, int count)
    {
        var root = Parse(json);
        var properties = AllTokens(root).OfType<JProperty>().Select(p => p.Value.Path).ToList();
        var original = Encoding.UTF8.GetBytes(json);
        for (var n = 0; n < count; n++)
        {
            switch (random.Next(5))
            {
                case 0:
                {
                    var body = (byte[])original.Clone();
                    var flips = 1 + random.Next(3);
                    for (var f = 0; f < flips; f++)
                    {
                        var at = random.Next(body.Length);
                        body[at] = random.Next(2) == 0 ? (byte)(body[at] ^ (1 << random.Next(8))) : (byte)random.Next(256);
                    }

                    yield return new HostileBody("byte-flip", flips + "-bytes", null, body);
                    break;
                }

                case 1:
                    yield return new HostileBody("random", "cut", null, original[..random.Next(original.Length)]);
                    break;

                case 2 when properties.Count > 0:
                {
                    var copy = root.DeepClone();
                    var mutations = 2 + random.Next(3);
                    var raws = new List<string>();
                    for (var m = 0; m < mutations; m++)
                    {
                        var target = copy.SelectToken(properties[random.Next(properties.Count)]);
                        if (target?.Parent is not JProperty)
                        {
                            continue; // removed by an earlier mutation of this case
                        }

                        var (_, raw) = ValueMutations[random.Next(ValueMutations.Count)];
                        var replacement = raw(target);
                        if (replacement is not null)
                        {
                            var marker = RawMarker + raws.Count.ToString(CultureInfo.InvariantCulture);
                            raws.Add(replacement);
                            target.Replace(marker);
                        }
                    }

                    var text = copy.ToString(Formatting.None);
                    for (var r = 0; r < raws.Count; r++)
                    {
                        text = text.Replace("\"" + RawMarker + r.ToString(CultureInfo.InvariantCulture) + "\"", raws[r], StringComparison.Ordinal);
                    }

                    yield return new HostileBody("random", mutations + "-fields", null, Encoding.UTF8.GetBytes(text));
                    break;
                }

                case 3 when properties.Count > 0:
                {
                    var path = properties[random.Next(properties.Count)];
                    var (name, raw) = ValueMutations[random.Next(ValueMutations.Count)];
                    var copy = root.DeepClone();
                    var target = copy.SelectToken(path)!;
                    var replacement = raw(target) ?? "null";
                    var property = (JProperty)target.Parent!;
                    var before = random.Next(2) == 0;
                    var duplicate = new JProperty(DuplicateMarker, RawMarker);
                    if (before)
                    {
                        property.AddBeforeSelf(duplicate);
                    }
                    else
                    {
                        property.AddAfterSelf(duplicate);
                    }

                    var text = copy.ToString(Formatting.None)
                        .Replace("\"" + RawMarker + "\"", replacement, StringComparison.Ordinal)
                        .Replace("\"" + DuplicateMarker + "\"", JsonConvert.ToString(property.Name), StringComparison.Ordinal);
                    yield return new HostileBody("random", "duplicate-" + (before ? "before-" : "after-") + name, path, Encoding.UTF8.GetBytes(text));
                    break;
                }

                default:
                {
                    // Whitespace, BOMs and control characters sprinkled between tokens.
                    var text = new StringBuilder(json);
                    var inserts = 1 + random.Next(4);
                    for (var i = 0; i < inserts; i++)
                    {
                        string[] noise = ["\uFEFF", "\t", "\u0000", "\r\n", " ", "\u00A0", "/*c*/", "//c\n"];
                        text.Insert(random.Next(text.Length + 1), noise[random.Next(noise.Length)]);
                    }

                    yield return new HostileBody("random", "noise", null, Encoding.UTF8.GetBytes(text.ToString()));
                    break;
                }
            }
        }
    }

    private static HostileBody Edit(JToken root, string path, string family, string mutation, Action<JToken, JToken> edit, string? raw = null, string? duplicateOf = null)
    {
        var copy = root.DeepClone();
        var target = path.Length == 0 ? copy : copy.SelectToken(path) ?? throw new InvalidOperationException("No token at " + path);
        edit(target, copy);
        var text = copy.ToString(Formatting.None);
        if (raw is not null)
        {
            text = text.Replace("\"" + RawMarker + "\"", raw, StringComparison.Ordinal);
        }

        if (duplicateOf is not null)
        {
            text = text.Replace("\"" + DuplicateMarker + "\"", JsonConvert.ToString(duplicateOf), StringComparison.Ordinal);
        }

        return new HostileBody(family, mutation, path.Length == 0 ? null : path, Encoding.UTF8.GetBytes(text), raw);
    }

    private static string? SwapNumberAndString(JToken value) => value.Type switch
    {
        JTokenType.String when decimal.TryParse((string)value!, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number.ToString(CultureInfo.InvariantCulture),
        JTokenType.String => "1",
        JTokenType.Integer or JTokenType.Float => JsonConvert.ToString(value.ToString(Formatting.None)),
        _ => null,
    };
}
