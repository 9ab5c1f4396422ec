using GeneratedClients.Bitget;
using GeneratedClients.Htx;

namespace GeneratedClients.Tests.Support;

/// <summary>Recognisable fake credentials; tests assert these strings never leak.</summary>
internal static class Fakes
{
    public const string BitgetKey = "bg-key-LEAKCHECK-7d1f";
    public const string BitgetSecret = "bitget-test-secret";
    public const string BitgetPassphrase = "bg-pass-LEAKCHECK-91c2";
    public const string HtxKey = "htx-test-key";
    public const string HtxSecret = "htx-test-secret";

    /// <summary>Unix ms of the Bitget documentation's example timestamp.</summary>
    public const long BitgetTime = 1659076670000;

    /// <summary>2021-12-06T02:53:11Z, the HTX example's time.</summary>
    public static readonly DateTimeOffset HtxTime = new(2021, 12, 6, 2, 53, 11, TimeSpan.Zero);

    public static BitgetCredentials Bitget() => new(BitgetKey, BitgetSecret, BitgetPassphrase);

    public static HtxCredentials Htx() => new(HtxKey, HtxSecret);

    public static IEnumerable<string> Secrets => [BitgetKey, BitgetSecret, BitgetPassphrase, HtxKey, HtxSecret];

    public static void AssertNoSecret(string? text)
    {
        if (text is null)
        {
            return;
        }

        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    public static void AssertNoSecret(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            AssertNoSecret(e.Message);
            AssertNoSecret(e.ToString());
        }
    }
}
