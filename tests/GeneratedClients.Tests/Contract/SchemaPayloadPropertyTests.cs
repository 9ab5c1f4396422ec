using System.Globalization;
using CsCheck;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Tests.Robustness;
using GeneratedClients.Tests.Support;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace GeneratedClients.Tests.Contract;

/// <summary>
/// The reader is at least as tolerant as the spec (Postel's rule), proven with payloads generated from the specs'
/// response schemas (CsCheck): every optional field dropped or not, null where the schema allows it, every figure as a
/// JSON number or as a decimal string in plain or exponent notation or "". Each payload validates against the spec
/// (NJsonSchema) and the public client reads it as a value whose every figure is exactly the one sent. A second property
/// goes past the spec: any field below the envelope dropped or null, and the client still reads a value.
/// </summary>
public sealed class SchemaPayloadPropertyTests
{
    private const string BitgetSeed = "bitget/examples/getSubAccountAssets.200.json";
    private const string HtxSeed = "htx/examples/getCrossSubAccountInfo.200.json";

    public static TheoryData<string, bool> Cases => new()
    {
        { BitgetSeed, false },
        { BitgetSeed, true },
        { HtxSeed, false },
        { HtxSeed, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_payload_the_schema_allows_is_read_with_its_exact_figures(string sample, bool beyondTheSpec)
    {
        var schema = await SpecSamples.ResponseSchemaAsync(sample, strict: false);
        var bitget = sample == BitgetSeed;
        var generator = Payload(schema, bitget, beyondTheSpec);

        generator.Sample(
            payload =>
            {
                var json = payload.ToString();
                if (!beyondTheSpec)
                {
                    var errors = SpecSamples.Validate(schema, json);
                    Assert.True(errors.Count == 0, $"The generator made a payload its spec rejects:{Environment.NewLine}{SpecSamples.Describe(errors)}{Environment.NewLine}{json}");
                }

                var envelope = Read(bitget, json);
                foreach (var (path, expected) in Figures(payload, schema, string.Empty))
                {
                    var read = ValueAt(envelope, path, payload);
                    Assert.True(read == expected, $"{path}: sent {payload.SelectToken(path)?.ToString(Newtonsoft.Json.Formatting.None) ?? "nothing"}, read {read?.ToString(CultureInfo.InvariantCulture) ?? "null"}{Environment.NewLine}{json}");
                }
            },
            iter: 150,
            seed: null);
    }

    private static object Read(bool bitget, string json)
    {
        var exchange = MockExchange.Answering(200, json);
        return bitget
            ? new BitgetClient(exchange.Client(), Fakes.Bitget(), TestTime.At(Fakes.BitgetTime)).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures).GetAwaiter().GetResult().Response
            : new HtxClient(exchange.Client(), Fakes.Htx(), TestTime.At(Fakes.HtxTime)).GetCrossSubAccountInfoAsync(123456, "USDT").GetAwaiter().GetResult().Response;
    }

    /// <summary>The model's value at a figure's path; Bitget's equity reads accountEquity when equity is not sent (the quirk).</summary>
    private static decimal? ValueAt(object envelope, string path, JToken payload)
    {
        Assert.True(ResponseModelPaths.TryResolve(envelope, path, out _, out _, out var value), $"{path} is not in the model");
        return (decimal?)value;
    }

    /// <summary>Every figure path of the payload (present or not) with the value the reader must give.</summary>
    private static IEnumerable<(string Path, decimal? Expected)> Figures(JToken? token, JsonSchema schema, string path)
    {
        schema = Actual(schema);
        if (IsFigure(schema))
        {
            yield return (path, Expected(token));
            yield break;
        }

        if (token is JArray items && schema.Item is { } itemSchema)
        {
            for (var i = 0; i < items.Count; i++)
            {
                foreach (var figure in Figures(items[i], itemSchema, $"{path}[{i}]"))
                {
                    yield return figure;
                }
            }
        }
        else if (token is JObject node)
        {
            foreach (var (name, property) in schema.ActualProperties)
            {
                var child = path.Length == 0 ? name : $"{path}.{name}";
                foreach (var figure in Figures(node[name], property, child))
                {
                    // Quirk (bitget-equity-name): Equity falls back to accountEquity when equity is not sent.
                    yield return name == "equity" && figure.Expected is null ? (child, Expected(node["accountEquity"])) : figure;
                }
            }
        }
    }

    private static decimal? Expected(JToken? token) => token?.Type switch
    {
        JTokenType.Integer or JTokenType.Float => token.Value<decimal>(),
        JTokenType.String when (string?)token is { Length: > 0 } text => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static JsonSchema Actual(JsonSchema schema)
    {
        schema = schema.ActualSchema;
        return schema.AllOf.Count == 1 ? schema.AllOf.First().ActualSchema : schema;
    }

    private static bool IsFigure(JsonSchema schema) => schema.Format == "decimal";

    /// <summary>A success envelope generated from the response schema.</summary>
    private static Gen<JToken> Payload(JsonSchema schema, bool bitget, bool beyondTheSpec) =>
        Value(schema, beyondTheSpec, depth: 0).Select(token =>
        {
            var envelope = (JObject)token;
            if (bitget)
            {
                envelope["code"] = "00000";
                envelope["msg"] = "success";
                envelope["requestTime"] = 1630901215622L;
                envelope["data"] ??= new JArray();
            }
            else
            {
                envelope["status"] = "ok";
                envelope["ts"] = 1638759191747L;
                envelope.Remove("err_code");
                envelope.Remove("err_msg");
                envelope.Remove("code");
                envelope.Remove("message");
                envelope["data"] ??= new JArray();
            }

            if (envelope["data"]!.Type == JTokenType.Null)
            {
                envelope["data"] = new JArray();
            }

            return (JToken)envelope;
        });

    private static Gen<JToken> Value(JsonSchema raw, bool beyondTheSpec, int depth)
    {
        var schema = Actual(raw);
        var nullable = beyondTheSpec || raw.ActualSchema.IsNullable(SchemaType.OpenApi3) || schema.IsNullable(SchemaType.OpenApi3);
        var value = NonNullValue(schema, beyondTheSpec, depth);
        return nullable && depth > 0 ? Gen.Frequency((1, Gen.Const((JToken)JValue.CreateNull())), (5, value)) : value;
    }

    private static Gen<JToken> NonNullValue(JsonSchema schema, bool beyondTheSpec, int depth)
    {
        if (IsFigure(schema))
        {
            return Figure();
        }

        if (schema.OneOf.Count > 0)
        {
            // userId: a 64-bit integer or a digit string.
            return Gen.Long[1, long.MaxValue].SelectMany(id => Gen.Bool.Select(asNumber => asNumber ? (JToken)new JValue(id) : new JValue(id.ToString(CultureInfo.InvariantCulture))));
        }

        if (schema.Enumeration.Count > 0)
        {
            var values = schema.Enumeration.Select(e => (JToken)new JValue(e)).ToArray();
            return Gen.Int[0, values.Length - 1].Select(i => values[i]);
        }

        if (schema.Type.HasFlag(JsonObjectType.Array))
        {
            // Entries are never null here (a null entry is left out by the reader, which would shift every index after it).
            return NonNullValue(Actual(schema.Item!), beyondTheSpec, depth + 1).Array[0, 3].Select(items => (JToken)new JArray(items));
        }

        if (schema.Type.HasFlag(JsonObjectType.Object) || schema.ActualProperties.Count > 0)
        {
            var fields = schema.ActualProperties.Select(p =>
            {
                var optional = beyondTheSpec || !schema.RequiredProperties.Contains(p.Key);
                var value = Value(p.Value, beyondTheSpec, depth + 1).Select(v => (p.Key, (JToken?)v));
                return optional ? Gen.Frequency((1, Gen.Const((p.Key, (JToken?)null))), (4, value)) : value;
            }).ToArray();
            return Sequence(fields).Select(pairs => (JToken)new JObject(pairs.Where(p => p.Item2 is not null).Select(p => new JProperty(p.Item1, p.Item2))));
        }

        if (schema.Type.HasFlag(JsonObjectType.Integer))
        {
            return Gen.Long[0, 9_999_999_999_999L].Select(v => (JToken)new JValue(v));
        }

        return Gen.String[Gen.Char.AlphaNumeric, 0, 12].Select(s => (JToken)new JValue(s));
    }

    private static Gen<List<T>> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(new List<T>()), (all, next) => all.SelectMany(list => next.Select(item => new List<T>(list) { item })));

    /// <summary>A decimal with up to 15 digits and up to 12 after the point, written every way the wire writes figures (or null).</summary>
    private static Gen<JToken> Figure() =>
        Gen.Select(Gen.Long[-999_999_999_999_999L, 999_999_999_999_999L], Gen.Int[0, 12], Gen.Int[0, 5]).Select((unscaled, scale, form) =>
        {
            var magnitude = (ulong)Math.Abs(unscaled);
            var value = new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, unscaled < 0, (byte)scale);
            var digits = Math.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
            return form switch
            {
                0 => new JValue(value),
                1 => new JValue(value.ToString(CultureInfo.InvariantCulture)),
                2 => new JValue($"{(unscaled < 0 ? "-" : string.Empty)}{digits}E-{scale}"),
                3 => new JValue(string.Empty),
                4 => JValue.CreateNull(), // the figure schema's string branch is nullable
                _ => (JToken)new JValue($"{(unscaled < 0 ? "-" : string.Empty)}{digits}e{-scale}"),
            };
        });
}
