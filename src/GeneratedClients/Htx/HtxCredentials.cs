using System.Diagnostics;

namespace GeneratedClients.Htx;

/// <summary>
/// An HTX access key with its secret key. Validated on construction; the values never appear in
/// <see cref="ToString"/>, in the debugger, in exception messages or in logs.
/// </summary>
[DebuggerDisplay("HtxCredentials (values hidden)")]
public sealed class HtxCredentials
{
    /// <summary>Creates credentials.</summary>
    /// <param name="accessKey">The access key (sent as AccessKeyId).</param>
    /// <param name="secretKey">The secret key the signature is computed with.</param>
    /// <exception cref="ArgumentException">A value is empty or whitespace; the message names the parameter, never the value.</exception>
    public HtxCredentials(string accessKey, string secretKey)
    {
        AccessKey = SecretText.Require(accessKey, nameof(accessKey), "HTX access key");
        SecretBytes = SecretText.Utf8(SecretText.Require(secretKey, nameof(secretKey), "HTX secret key"));
    }

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    internal string AccessKey { get; }

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    internal byte[] SecretBytes { get; }

    /// <summary>A fixed text; never the values.</summary>
    public override string ToString() => "HtxCredentials (values hidden)";
}
