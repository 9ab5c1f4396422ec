using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace GeneratedClients.Common;

/// <summary>Base64(HMAC-SHA256(key, UTF-8 message)), the primitive both exchanges sign with.</summary>
internal static class HmacSignature
{
    private const int StackLimit = 1024;

    public static string Base64HmacSha256(byte[] key, ReadOnlySpan<char> message)
    {
        var byteCount = Encoding.UTF8.GetByteCount(message);
        byte[]? rented = null;
        var buffer = byteCount <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        try
        {
            var written = Encoding.UTF8.GetBytes(message, buffer);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key, buffer[..written], mac);
            return Convert.ToBase64String(mac);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
