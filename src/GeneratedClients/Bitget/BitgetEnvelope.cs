using System.Text;
using Newtonsoft.Json;

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
    /// Reads Bitget's error envelope from the body of a status the spec does not list for the endpoint (a 5xx): true
    /// when the body is the envelope (read as tolerantly as any answer) with a <c>code</c> other than <c>00000</c>.
    /// </summary>
    public static bool TryReadError(string? body, out string code, out string? message, out long? requestTime)
    {
        (code, message, requestTime) = (string.Empty, null, null);
        if (string.IsNullOrWhiteSpace(body))
        {
            return false;
        }

        BitgetErrorResponse envelope;
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body));
            envelope = WireReader.Read<BitgetErrorResponse>(stream, out _);
        }
        catch (JsonException)
        {
            return false; // not the envelope: an HTML page, a proxy's text
        }

        if (envelope.Code is not { Length: > 0 } sent || sent == BitgetErrors.Success)
        {
            return false;
        }

        (code, message, requestTime) = (sent, envelope.Message, envelope.RequestTime);
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
