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

    // Why object everywhere below: the value goes back to Newtonsoft as an object anyway. Boxing a decimal is one
    // small allocation; boxing a decimal? (Nullable<decimal>) goes through the runtime's slow nullable-box path,
    // which once took a fifth of the time of reading a large Bitget response.
    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var nullable = objectType == typeof(decimal?);
        switch (reader.TokenType)
        {
            case JsonToken.Null:
            case JsonToken.Undefined:
                return nullable ? null : throw Invalid(reader, "null", "a number is required here");
            case JsonToken.Float when reader.Value is decimal:
                return reader.Value; // already a boxed decimal (FloatParseHandling.Decimal)
            case JsonToken.Float:
                return FromText(reader, Convert.ToString(reader.Value, CultureInfo.InvariantCulture) ?? string.Empty, nullable, out var fromFloat) ? fromFloat : null;
            case JsonToken.Integer:
                return reader.Value switch
                {
                    long small => (object)(decimal)small,
                    BigInteger big when big >= (BigInteger)decimal.MinValue && big <= (BigInteger)decimal.MaxValue => (decimal)big,
                    _ => throw Invalid(reader, Convert.ToString(reader.Value, CultureInfo.InvariantCulture), "it does not fit a decimal"),
                };
            case JsonToken.String:
                return FromText(reader, (string)reader.Value!, nullable, out var fromString) ? fromString : null;
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

    /// <summary>The amount in <paramref name="text"/>; false for "" where null is allowed; throws for anything else.</summary>
    private static bool FromText(JsonReader reader, string text, bool nullable, out decimal value)
    {
        if (text.Length == 0)
        {
            value = default;
            return nullable ? false : throw Invalid(reader, "\"\"", "a number is required here");
        }

        if (TryParsePlain(text, out value) || decimal.TryParse(text, WireNumber, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var reason = LooksNumeric(text) ? "it does not fit a decimal" : "it is not a decimal number";
        throw Invalid(reader, Shorten(text), reason);
    }

    /// <summary>
    /// The fast path for the form nearly every amount has: an optional minus, 1 to 18 digits in all, an optional
    /// point with digits after it ("23.123", "-0.00140361", "0"). Gives exactly what <see cref="decimal.TryParse(string, NumberStyles, IFormatProvider, out decimal)"/>
    /// gives for such text, scale (trailing zeros) included; anything else (a sign on zero, an exponent, a plus,
    /// more digits, a lone point) returns false and goes to decimal.TryParse.
    /// </summary>
    internal static bool TryParsePlain(ReadOnlySpan<char> text, out decimal value)
    {
        value = default;
        var negative = text.Length > 0 && text[0] == '-';
        var i = negative ? 1 : 0;
        ulong mantissa = 0;
        var digits = 0;
        var scale = -1; // digits after the point; -1 while no point has been seen
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (++digits > 18)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + (uint)(c - '0');
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (c == '.' && scale < 0 && digits > 0)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || scale == 0 || (negative && mantissa == 0))
        {
            return false; // "", "-", "5." and "-0" are left to decimal.TryParse
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
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
