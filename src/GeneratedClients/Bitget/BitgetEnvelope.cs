using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GeneratedClients.Bitget;

/// <summary>Bitget's envelope <c>{code, msg, requestTime, data}</c>: success is code <c>00000</c>; anything else is the typed error it names.</summary>
internal static class BitgetEnvelope
{
    /// <summary>Throws the typed error an envelope carries (a code other than 00000, or no code at all); returns for success.</summary>
    public static void ThrowIfError(ExchangeCall call, string? code, string? message, long? requestTime)
    {
        if (code is null)
        {
            throw call.InvalidResponse("the envelope has no code", "code");
        }

        if (code != BitgetErrors.Success)
        {
            throw BitgetErrors.FromEnvelope(call, code, message, requestTime);
        }

        if (requestTime is not null && UnixTime.FromMilliseconds(requestTime) is null)
        {
            throw call.InvalidResponse("requestTime is not a time", "requestTime");
        }
    }

    /// <summary>
    /// Reads Bitget's error envelope from the body of a status the spec does not list for the endpoint (a 403 or a
    /// 5xx): true when the body is a JSON object with a <c>code</c> other than <c>00000</c>.
    /// </summary>
    public static bool TryReadError(string? body, out string code, out string? message, out long? requestTime)
    {
        (code, message, requestTime) = (string.Empty, null, null);
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return false;
        }

        JObject envelope;
        try
        {
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            envelope = JObject.Load(reader);
        }
        catch (JsonException)
        {
            return false;
        }

        if (envelope["code"] is not JValue { Type: JTokenType.String or JTokenType.Integer } codeToken
            || Convert.ToString(codeToken.Value, System.Globalization.CultureInfo.InvariantCulture) is not { Length: > 0 } text
            || text == BitgetErrors.Success)
        {
            return false;
        }

        code = text;
        message = envelope["msg"] is JValue { Type: JTokenType.String } msg ? (string?)msg : null;
        requestTime = envelope["requestTime"] is JValue { Type: JTokenType.Integer } time && time.Value is long ms ? ms : null;
        return true;
    }

    /// <summary>The data of a success envelope; an envelope that says success without data is an invalid response.</summary>
    public static TData Data<TData>(ExchangeCall call, string? code, string? message, long? requestTime, TData? data)
        where TData : class
    {
        ThrowIfError(call, code, message, requestTime);
        return data ?? throw call.InvalidResponse("a success envelope (code 00000) without data", "data");
    }
}
