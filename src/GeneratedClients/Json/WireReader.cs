using System.Collections.ObjectModel;
using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GeneratedClients.Json;

/// <summary>
/// Reads the generated models from Newtonsoft's <see cref="JsonTextReader"/>, tolerantly: a field that is missing,
/// <c>null</c> or (for a figure) <c>""</c> has no value and never fails the rest of the answer; a figure is an exact
/// decimal from a JSON number or a decimal string in plain or exponent notation. Each such departure from the
/// documented contract is recorded as a <see cref="WireDeviation"/>. Only corrupt data throws
/// (<see cref="WireFormatException"/> naming the field): a figure that is not a number or does not fit a decimal,
/// an object where a value belongs, an integer with a fraction.
/// </summary>
/// <remarks>
/// Quirk: both exchanges leave documented fields out and send <c>null</c> or <c>""</c> for "no value"; HTX sends
/// figures as numbers or as strings (samples getCrossSubAccountInfo.200.*.json, getSubAccountAssets.200.*.json).
/// The generated code (Templates/Class.liquid) calls one method per field; nothing here uses reflection per value.
/// </remarks>
internal sealed class WireReader
{
    /// <summary>The shared, empty <c>AdditionalProperties</c> of a model whose fields are all known.</summary>
    public static readonly IReadOnlyDictionary<string, string> NoAdditionalProperties = ReadOnlyDictionary<string, string>.Empty;

    // Every field name of the generated models, so that the reader hands out these strings instead of allocating one
    // per property name. Filled once; DefaultJsonNameTable is safe for concurrent reads once no one adds to it.
    private static readonly DefaultJsonNameTable FieldNames = CreateFieldNames();

    private readonly ScalarTextReader _json;
    private List<WireDeviation>? _deviations;

    private WireReader(ScalarTextReader json) => _json = json;

    /// <summary>What the reader read past so far, in the order met.</summary>
    public IReadOnlyList<WireDeviation> Deviations => (IReadOnlyList<WireDeviation>?)_deviations ?? [];

    /// <summary>
    /// Reads one JSON document holding a <typeparamref name="T"/> object from a UTF-8 <paramref name="body"/>.
    /// </summary>
    /// <exception cref="JsonException">The body is not one JSON object, or holds corrupt data (the path names where).</exception>
    public static T Read<T>(Stream body, out IReadOnlyList<WireDeviation> deviations)
        where T : class, IWireModel<T>
    {
        using var text = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
        using var json = new ScalarTextReader(text)
        {
            CloseInput = false,
            FloatParseHandling = FloatParseHandling.Decimal,
            DateParseHandling = DateParseHandling.None,
            MaxDepth = 64,
            PropertyNameTable = FieldNames,
        };
        var reader = new WireReader(json);
        if (!reader.NextToken())
        {
            throw new WireFormatException("the body is empty", string.Empty);
        }

        if (json.TokenType != JsonToken.StartObject)
        {
            throw new WireFormatException($"the body is a JSON {Describe(json.TokenType)}, not an object", string.Empty);
        }

        var value = T.Read(reader);
        if (reader.NextToken())
        {
            throw new WireFormatException("the body goes on after its JSON object", json.Path);
        }

        deviations = reader.Deviations;
        return value;
    }

    /// <summary>Moves to the next field of the current object: true with its name, false at the object's end.</summary>
    public bool NextField(out string name)
    {
        if (!NextToken())
        {
            throw new WireFormatException("the body ends inside an object", _json.Path);
        }

        switch (_json.TokenType)
        {
            case JsonToken.PropertyName:
                name = (string)_json.Value!;
                return true;
            case JsonToken.EndObject:
                name = string.Empty;
                return false;
            default:
                throw new WireFormatException($"a field name was expected, not a {Describe(_json.TokenType)}", _json.Path);
        }
    }

    /// <summary>A figure: a number or a decimal string, exact; null for <c>null</c> and <c>""</c>.</summary>
    /// <param name="documented">How the documentation writes the figure; the other form is recorded.</param>
    public decimal? ReadDecimal(WireForm documented)
    {
        var text = _json.ReadScalar(out var quoted);
        if (text is null)
        {
            ExpectNull("a figure (a number or a decimal string)");
            return null;
        }

        if (quoted && text.Length == 0)
        {
            Report(WireDeviationKind.Empty);
            return null;
        }

        if (!quoted && text is "true" or "false")
        {
            throw Corrupt($"a figure (a number or a decimal string) was expected, not a boolean");
        }

        var value = WireDecimal.TryParse(text, out var parsed) ? parsed
            : throw Corrupt($"the value {(quoted ? "\"" + Shorten(text) + "\"" : Shorten(text))} is not a valid amount: {(WireDecimal.LooksNumeric(text) ? "it does not fit a decimal" : "it is not a decimal number")}");
        ReportForm(documented, quoted ? WireForm.String : WireForm.Number);
        return value;
    }

    /// <summary>A text field; a bare number or boolean is kept as its JSON text (recorded); null for <c>null</c>.</summary>
    public string? ReadString()
    {
        var text = _json.ReadScalar(out var quoted);
        if (text is null)
        {
            ExpectNull("a string");
            return null;
        }

        if (!quoted)
        {
            Report(WireDeviationKind.StringAsNumber);
        }

        return text;
    }

    /// <summary>A 64-bit integer from a JSON integer or a digit string; null for <c>null</c> and <c>""</c>.</summary>
    public long? ReadInt64()
    {
        var value = ReadInteger();
        return value is not BigInteger integer ? null
            : integer >= long.MinValue && integer <= long.MaxValue ? (long)integer
            : throw Corrupt($"the value {integer} does not fit a 64-bit integer");
    }

    /// <summary>A 32-bit integer from a JSON integer or a digit string; null for <c>null</c> and <c>""</c>.</summary>
    public int? ReadInt32()
    {
        var value = ReadInteger();
        return value is not BigInteger integer ? null
            : integer >= int.MinValue && integer <= int.MaxValue ? (int)integer
            : throw Corrupt($"the value {integer} does not fit a 32-bit integer");
    }

    /// <summary>A boolean; null for <c>null</c>.</summary>
    public bool? ReadBoolean()
    {
        var text = _json.ReadScalar(out var quoted);
        if (text is null)
        {
            ExpectNull("true or false");
            return null;
        }

        return !quoted && text is "true" or "false" ? text == "true" : throw Corrupt($"true or false was expected, not {Shorten(text)}");
    }

    /// <summary>A value of any type, as its JSON text (compact); null for <c>null</c>.</summary>
    public string? ReadJsonText()
    {
        ReadValue();
        return _json.TokenType == JsonToken.Null ? null : JToken.ReadFrom(_json).ToString(Formatting.None);
    }

    /// <summary>A string enum by its wire value (the members' EnumMember values); null for <c>null</c>. A number or an unknown value is corrupt.</summary>
    public TEnum? ReadEnum<TEnum>()
        where TEnum : struct, Enum
    {
        var text = _json.ReadScalar(out var quoted);
        if (text is null)
        {
            ExpectNull($"one of {string.Join(", ", WireEnum<TEnum>.Values.Keys)}");
            return null;
        }

        return quoted && WireEnum<TEnum>.Values.TryGetValue(text, out var member)
            ? member
            : throw Corrupt($"{(quoted ? "\"" + Shorten(text) + "\"" : Shorten(text))} is not one of {string.Join(", ", WireEnum<TEnum>.Values.Keys)}");
    }

    /// <summary>A nested model; null for <c>null</c>.</summary>
    public T? ReadObject<T>()
        where T : class, IWireModel<T>
    {
        ReadValue();
        switch (_json.TokenType)
        {
            case JsonToken.StartObject:
                return T.Read(this);
            case JsonToken.Null:
                Report(WireDeviationKind.Null);
                return null;
            default:
                throw Corrupt($"an object was expected, not a {Describe(_json.TokenType)}");
        }
    }

    /// <summary>A list of models, read-only; empty for <c>null</c>; a <c>null</c> entry is left out (and recorded).</summary>
    public IReadOnlyList<T> ReadList<T>()
        where T : class, IWireModel<T> => ReadNullableList<T>() ?? ReadOnlyCollection<T>.Empty;

    /// <summary>A list of models, read-only; null for <c>null</c> (a nullable list: an envelope's data); a <c>null</c> entry is left out (and recorded).</summary>
    public IReadOnlyList<T>? ReadNullableList<T>()
        where T : class, IWireModel<T>
    {
        ReadValue();
        switch (_json.TokenType)
        {
            case JsonToken.StartArray:
                break;
            case JsonToken.Null:
                Report(WireDeviationKind.Null);
                return null;
            default:
                throw Corrupt($"a list was expected, not a {Describe(_json.TokenType)}");
        }

        List<T>? items = null;
        while (true)
        {
            if (!NextToken())
            {
                throw new WireFormatException("the body ends inside a list", _json.Path);
            }

            switch (_json.TokenType)
            {
                case JsonToken.EndArray:
                    return items is null ? ReadOnlyCollection<T>.Empty : items.AsReadOnly();
                case JsonToken.StartObject:
                    (items ??= []).Add(T.Read(this));
                    break;
                case JsonToken.Null:
                    Report(WireDeviationKind.Null);
                    break;
                default:
                    throw Corrupt($"a list entry must be an object, not a {Describe(_json.TokenType)}");
            }
        }
    }

    /// <summary>A field the spec does not describe: kept, as its JSON text, in the model's additional properties.</summary>
    public IReadOnlyDictionary<string, string> ReadAdditionalProperty(string name, IReadOnlyDictionary<string, string> current)
    {
        ReadValue();
        var fields = current as WireFields ?? new WireFields();
        fields.Set(name, JToken.ReadFrom(_json).ToString(Formatting.None));
        return fields;
    }

    /// <summary>Records that a documented field of the object just read was not sent.</summary>
    public void Missing(string field)
    {
        var path = _json.Path;
        (_deviations ??= []).Add(new WireDeviation(path.Length == 0 ? field : string.Concat(path, ".", field), WireDeviationKind.Missing));
    }

    private static DefaultJsonNameTable CreateFieldNames()
    {
        var names = new DefaultJsonNameTable();
        foreach (var type in typeof(WireReader).Assembly.GetTypes())
        {
            foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
            {
                if (property.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName is { } name)
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    private static string Describe(JsonToken token) => token switch
    {
        JsonToken.StartObject => "object",
        JsonToken.StartArray => "list",
        JsonToken.String => "string",
        JsonToken.Integer or JsonToken.Float => "number",
        JsonToken.Boolean => "boolean",
        JsonToken.Null => "null",
        _ => token.ToString(),
    };

    private static string Shorten(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 61), "...");

    /// <summary>Reads the next token that is not a comment; false at the end of the input.</summary>
    private bool NextToken()
    {
        while (_json.Read())
        {
            if (_json.TokenType != JsonToken.Comment)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Moves from a field name to its value.</summary>
    private void ReadValue()
    {
        if (!NextToken())
        {
            throw new WireFormatException("the body ends before a field's value", _json.Path);
        }
    }

    /// <summary>An integer's value, null for <c>null</c>/<c>""</c>; a fraction, a non-digit string or another type is corrupt.</summary>
    private BigInteger? ReadInteger()
    {
        var text = _json.ReadScalar(out var quoted);
        if (text is null)
        {
            ExpectNull("an integer");
            return null;
        }

        if (quoted && text.Length == 0)
        {
            Report(WireDeviationKind.Empty);
            return null;
        }

        return BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw Corrupt($"an integer was expected, not {(quoted ? "\"" + Shorten(text) + "\"" : Shorten(text))}");
    }

    /// <summary>After a scalar read gave no text: the value was <c>null</c> (recorded); anything else is corrupt.</summary>
    private void ExpectNull(string expected)
    {
        if (_json.TokenType != JsonToken.Null)
        {
            throw Corrupt($"{expected} was expected, not a {Describe(_json.TokenType)}");
        }

        Report(WireDeviationKind.Null);
    }

    private void ReportForm(WireForm documented, WireForm sent)
    {
        if (documented != WireForm.Any && documented != sent)
        {
            Report(sent == WireForm.String ? WireDeviationKind.NumberAsString : WireDeviationKind.StringAsNumber);
        }
    }

    private void Report(WireDeviationKind kind) => (_deviations ??= []).Add(new WireDeviation(_json.Path, kind));

    private WireFormatException Corrupt(string reason) =>
        new($"The field '{_json.Path}' holds corrupt data: {reason}.", _json.Path);

    /// <summary>
    /// Newtonsoft's reader with one addition: a scalar read as text, saying whether it was quoted. Newtonsoft's own
    /// ReadAsString hands a number or a boolean over as its raw text (no parsing, so 1e400 or a 40-digit amount reach
    /// the exact decimal parser intact) but sets QuoteChar only for quoted strings, which is what tells them apart.
    /// </summary>
    private sealed class ScalarTextReader(TextReader reader) : JsonTextReader(reader)
    {
        /// <summary>The next value as text: a string's content, a number's or boolean's JSON text; null for <c>null</c> and for a token that is not a scalar (see TokenType).</summary>
        public string? ReadScalar(out bool quoted)
        {
            QuoteChar = '\0';
            string? text;
            do
            {
                text = ReadAsString();
            }
            while (TokenType == JsonToken.Comment);

            quoted = QuoteChar != '\0';
            return TokenType == JsonToken.String ? text : null;
        }
    }

    /// <summary>The wire values of a string enum's members, from their EnumMember attributes.</summary>
    private static class WireEnum<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly IReadOnlyDictionary<string, TEnum> Values = typeof(TEnum)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(field => field.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? field.Name, field => (TEnum)field.GetValue(null)!, StringComparer.Ordinal);
    }
}
