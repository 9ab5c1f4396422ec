using System.Globalization;
using System.Numerics;
using Newtonsoft.Json;

namespace GeneratedClients.Common;

/// <summary>
/// Reads the 64- and 32-bit integers of the generated models (Bitget <c>userId</c>, <c>requestTime</c>;
/// HTX <c>ts</c>, <c>err_code</c>) from a JSON integer or a digit string, and nothing else.
/// </summary>
/// <remarks>
/// Quirk: Bitget's <c>userId</c> is a number on the wire but "String" in its table (samples
/// getSubAccountAssets.200.json and .200.user-id-string.json), so a digit string is accepted. Newtonsoft's
/// own conversion would also turn <c>true</c> into 1 and round <c>1234567890.7</c> to another user: those
/// are errors naming the field.
/// </remarks>
internal sealed class StrictIntegerConverter : JsonConverter
{
    public static readonly StrictIntegerConverter Instance = new();

    public override bool CanConvert(Type objectType) =>
        objectType == typeof(long) || objectType == typeof(long?) || objectType == typeof(int) || objectType == typeof(int?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var nullable = Nullable.GetUnderlyingType(objectType) is not null;
        var wide = objectType == typeof(long) || objectType == typeof(long?);
        BigInteger value;
        switch (reader.TokenType)
        {
            case JsonToken.Null or JsonToken.Undefined when nullable:
                return null;
            case JsonToken.String when nullable && ((string)reader.Value!).Length == 0:
                return null; // as for amounts: "" on an optional field means no value
            case JsonToken.Integer:
                value = reader.Value switch
                {
                    long small => small,
                    BigInteger big => big,
                    var other => throw Invalid(reader, Convert.ToString(other, CultureInfo.InvariantCulture), "an integer was expected"),
                };
                break;
            case JsonToken.String when BigInteger.TryParse((string)reader.Value!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                value = parsed;
                break;
            default:
                throw Invalid(reader, reader.Value is null ? reader.TokenType.ToString() : Convert.ToString(reader.Value, CultureInfo.InvariantCulture), "an integer was expected");
        }

        if (wide)
        {
            return value >= long.MinValue && value <= long.MaxValue ? (long)value : throw Invalid(reader, value.ToString(CultureInfo.InvariantCulture), "it does not fit a 64-bit integer");
        }

        return value >= int.MinValue && value <= int.MaxValue ? (int)value : throw Invalid(reader, value.ToString(CultureInfo.InvariantCulture), "it does not fit a 32-bit integer");
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        switch (value)
        {
            case long number:
                writer.WriteValue(number);
                break;
            case int number:
                writer.WriteValue(number);
                break;
            default:
                writer.WriteNull();
                break;
        }
    }

    private static JsonSerializationException Invalid(JsonReader reader, string? value, string reason)
    {
        var lineInfo = reader as IJsonLineInfo;
        return new JsonSerializationException(
            $"The value {value} of field '{reader.Path}' is not valid: {reason}.",
            reader.Path,
            lineInfo?.LineNumber ?? 0,
            lineInfo?.LinePosition ?? 0,
            null);
    }
}
