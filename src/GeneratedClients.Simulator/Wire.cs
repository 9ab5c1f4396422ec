using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace GeneratedClients.Simulator;

/// <summary>JSON and text helpers the two exchanges share.</summary>
internal static class Wire
{
    public const string Json = "application/json";

    private const string DecimalFormat = "0.############################";

    /// <summary>A decimal as the exchanges print it: invariant, no exponent, no trailing zeros, never "-0".</summary>
    public static string Text(decimal value) =>
        value == 0m ? "0" : value.ToString(DecimalFormat, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The same value with the smallest scale, so that Utf8JsonWriter prints 500 rather than 500.0000.</summary>
    public static decimal Normalize(decimal value) =>
        value == 0m ? 0m : decimal.Parse(Text(value), System.Globalization.CultureInfo.InvariantCulture);

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] HtmlPage(int status)
    {
        var reason = ReasonPhrase(status);
        var html = $"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n<hr><center>simulated-edge-proxy</center>\r\n</body>\r\n</html>\r\n";
        return Encoding.UTF8.GetBytes(html);
    }

    public static string ReasonPhrase(int status) => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
