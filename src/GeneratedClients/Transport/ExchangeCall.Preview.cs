using System.Text;

namespace GeneratedClients.Transport;

// The first bytes of a response, kept for error messages, with every value sent for signing concealed in them.
internal sealed partial class ExchangeCall
{
    private const int PreviewChars = 300;

    /// <summary>
    /// Values sent with the request that must never be echoed back into an error: an error page that
    /// repeats the request (a proxy's debug page) would otherwise carry the key or signature into
    /// <see cref="ExchangeErrorDetails.BodyPreview"/>.
    /// </summary>
    public void Conceal(params ReadOnlySpan<string?> values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrEmpty(value))
            {
                (_concealed ??= []).Add(value);
                var escaped = Uri.EscapeDataString(value);
                if (escaped != value)
                {
                    _concealed.Add(escaped);
                }
            }
        }
    }

    /// <summary>Keeps the start of the body while it streams through (<see cref="BoundedContent"/>).</summary>
    public void KeepPrefix(ReadOnlySpan<byte> data) => _prefix.Append(data);

    public string? BodyPreview() => _prefix.Count == 0 ? null : Preview(Encoding.UTF8.GetString(_prefix.Bytes, 0, _prefix.Count));

    private string? Preview(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        foreach (var secret in _concealed ?? [])
        {
            body = body.Replace(secret, "***", StringComparison.Ordinal);
        }

        var text = new StringBuilder(Math.Min(body.Length, PreviewChars));
        foreach (var c in body)
        {
            if (text.Length == PreviewChars)
            {
                text.Append('…');
                break;
            }

            text.Append(char.IsControl(c) ? ' ' : c);
        }

        return text.ToString();
    }

    /// <summary>The first bytes of the body, kept while it streams through.</summary>
    private sealed class BodyPrefix
    {
        public byte[] Bytes { get; } = new byte[1024];

        public int Count { get; private set; }

        public void Append(ReadOnlySpan<byte> data)
        {
            var room = Bytes.Length - Count;
            if (room <= 0 || data.IsEmpty)
            {
                return;
            }

            var take = Math.Min(room, data.Length);
            data[..take].CopyTo(Bytes.AsSpan(Count));
            Count += take;
        }
    }
}
