using System.Diagnostics;

namespace GeneratedClients.Bitget;

/// <summary>
/// A Bitget API key with its secret and passphrase. Validated on construction; the values never
/// appear in <see cref="ToString"/>, in the debugger, in exception messages or in logs.
/// </summary>
[DebuggerDisplay("BitgetCredentials (values hidden)")]
public sealed class BitgetCredentials
{
    /// <summary>Creates credentials.</summary>
    /// <param name="apiKey">The API key (ACCESS-KEY).</param>
    /// <param name="secret">The API secret the signature is computed with.</param>
    /// <param name="passphrase">The passphrase chosen when the key was created (ACCESS-PASSPHRASE).</param>
    /// <exception cref="ArgumentException">A value is empty or whitespace; the message names the parameter, never the value.</exception>
    public BitgetCredentials(string apiKey, string secret, string passphrase)
    {
        ApiKey = SecretText.Require(apiKey, nameof(apiKey), "Bitget API key");
        SecretBytes = SecretText.Utf8(SecretText.Require(secret, nameof(secret), "Bitget API secret"));
        Passphrase = SecretText.Require(passphrase, nameof(passphrase), "Bitget API passphrase");
    }

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    internal string ApiKey { get; }

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    internal byte[] SecretBytes { get; }

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    internal string Passphrase { get; }

    /// <summary>A fixed text; never the values.</summary>
    public override string ToString() => "BitgetCredentials (values hidden)";
}
