using System.Globalization;
using System.Numerics;
using Newtonsoft.Json;

namespace GeneratedClients.Common;

/// <summary>
/// Reads every <see cref="decimal"/> of the generated models exactly, whatever form the wire uses.
/// </summary>
/// <remarks>
/// Quirk: Bitget sends amounts as strings ("23.123", coupon ""), HTX as JSON numbers (0.04) or "" or null
/// (samples getSubAccountAssets.200.json, getCrossSubAccountInfo.200.json). Numbers are read as decimal by
/// the reader (FloatParseHandling.Decimal), never through double. Strings are parsed with the invariant
/// culture and no thousands separators, so "1,5" is an error rather than 15. "" and null are null. A value
/// that is not a number or does not fit a decimal is an error that names the field (the JSON path).
/// </remarks>
internal sealed class ExactDecimalConverter : JsonConverter
{
    public static readonly ExactDecimalConverter Instance = new();

    private const NumberStyles WireNumber = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public override bool CanConvert(Type objectType) => objectType == typeof(decimal) || objectType == typeof(decimal?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var nullable = objectType == typeof(decimal?);
        switch (reader.TokenType)
        {
            case JsonToken.Null:
            case JsonToken.Undefined:
                return nullable ? null : throw Invalid(reader, "null", "a number is required here");
            case JsonToken.Float when reader.Value is decimal exact:
                return exact;
            case JsonToken.Float:
                return FromText(reader, Convert.ToString(reader.Value, CultureInfo.InvariantCulture) ?? string.Empty, nullable);
            case JsonToken.Integer:
                return reader.Value switch
                {
                    long small => (decimal)small,
                    BigInteger big when big >= (BigInteger)decimal.MinValue && big <= (BigInteger)decimal.MaxValue => (decimal)big,
                    _ => throw Invalid(reader, Convert.ToString(reader.Value, CultureInfo.InvariantCulture), "it does not fit a decimal"),
                };
            case JsonToken.String:
                return FromText(reader, (string)reader.Value!, nullable);
            default:
                throw Invalid(reader, reader.TokenType.ToString(), "a number or a decimal string was expected");
        }
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is decimal number)
        {
            writer.WriteValue(number);
        }
        else
        {
            writer.WriteNull();
        }
    }

    private static decimal? FromText(JsonReader reader, string text, bool nullable)
    {
        if (text.Length == 0)
        {
            return nullable ? null : throw Invalid(reader, "\"\"", "a number is required here");
        }

        if (decimal.TryParse(text, WireNumber, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var reason = LooksNumeric(text) ? "it does not fit a decimal" : "it is not a decimal number";
        throw Invalid(reader, Shorten(text), reason);
    }

    private static bool LooksNumeric(string text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiDigit(c) || c is '-' or '+' or '.' or 'e' or 'E'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 61), "...");

    private static JsonSerializationException Invalid(JsonReader reader, string? value, string reason)
    {
        var lineInfo = reader as IJsonLineInfo;
        return new JsonSerializationException(
            $"The value {value} of field '{reader.Path}' is not a valid amount: {reason}.",
            reader.Path,
            lineInfo?.LineNumber ?? 0,
            lineInfo?.LinePosition ?? 0,
            null);
    }
}
