using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace GeneratedClients.Signing;

/// <summary>Base64(HMAC-SHA256(key, UTF-8 message)), the primitive both exchanges sign with.</summary>
/// <remarks>
/// Why the pool: a one-shot <see cref="HMACSHA256.HashData(byte[], byte[])"/> sets up a new HMAC (and, on Linux,
/// a new OpenSSL context) for every signature, which costs several microseconds; a keyed
/// <see cref="IncrementalHash"/> that is reset and reused costs well under one. Each key (the secret's byte
/// array, one per credentials object) gets a few reusable instances; they live as long as that array does
/// (a <see cref="ConditionalWeakTable{TKey, TValue}"/>), and an instance is only ever used by one caller at a time.
/// </remarks>
internal static class HmacSignature
{
    /// <summary>The length of a Base64 HMAC-SHA256: 32 bytes as 44 characters.</summary>
    public const int Base64Length = 44;

    private const int StackLimit = 1024;

    private static readonly ConditionalWeakTable<byte[], KeyedHashes> Hashes = new();

    public static string Base64HmacSha256(byte[] key, ReadOnlySpan<char> message)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(key, message, mac);
        return Convert.ToBase64String(mac);
    }

    /// <summary>Writes the Base64 signature (<see cref="Base64Length"/> characters) to <paramref name="destination"/>.</summary>
    public static void Base64HmacSha256(byte[] key, ReadOnlySpan<char> message, Span<char> destination)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(key, message, mac);
        if (!Convert.TryToBase64Chars(mac, destination, out var written) || written != Base64Length)
        {
            throw new ArgumentException("The destination is too small for a Base64 HMAC-SHA256.", nameof(destination));
        }
    }

    private static void Compute(byte[] key, ReadOnlySpan<char> message, Span<byte> mac)
    {
        var byteCount = Encoding.UTF8.GetByteCount(message);
        byte[]? rented = null;
        var buffer = byteCount <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        try
        {
            var written = Encoding.UTF8.GetBytes(message, buffer);
            var hashes = Hashes.GetValue(key, static k => new KeyedHashes(k));
            var hmac = hashes.Rent();
            var reusable = false;
            try
            {
                hmac.AppendData(buffer[..written]);
                hmac.GetHashAndReset(mac);
                reusable = true;
            }
            finally
            {
                if (reusable)
                {
                    hashes.Return(hmac);
                }
                else
                {
                    hmac.Dispose();
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>A few reusable HMACs for one key; lock-free, never blocking: an empty pool makes a new instance, a full one disposes the extra.</summary>
    private sealed class KeyedHashes(byte[] key)
    {
        private readonly IncrementalHash?[] _spare = new IncrementalHash?[Math.Clamp(Environment.ProcessorCount, 2, 16)];

        public IncrementalHash Rent()
        {
            for (var i = 0; i < _spare.Length; i++)
            {
                if (Interlocked.Exchange(ref _spare[i], null) is { } hash)
                {
                    return hash;
                }
            }

            return IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        }

        public void Return(IncrementalHash hash)
        {
            for (var i = 0; i < _spare.Length; i++)
            {
                if (Interlocked.CompareExchange(ref _spare[i], hash, null) is null)
                {
                    return;
                }
            }

            hash.Dispose();
        }
    }
}
