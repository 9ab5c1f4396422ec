using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Tests.Support;

namespace GeneratedClients.Tests.Signing;

public class BitgetSignerTests
{
    // Vectors derived by hand from the recipe (timestamp + METHOD + path + ?query + body), HMAC-SHA256 with
    // the secret "bitget-test-secret", Base64 (computed independently with Python's hmac module).
    [Theory]
    [InlineData("GET", "/api/v2/mix/account/sub-account-assets", "productType=USDT-FUTURES", null, "y1i46LhhryVmKVHUILbC7UYW106Z2NTG/VDZ5aOyBGg=")]
    [InlineData("GET", "/api/v2/public/time", null, null, "lOEnFyYzP2aZ9oNF62wFZmQ1BUzQ3VICOvtrkqiI+sA=")]
    [InlineData("post", "/api/v2/mix/order/place-order", "", "{\"symbol\":\"BTCUSDT\"}", "Gw+swbvNMs/ImDM4ly71zB0qjI0wHWow/UI5o3/SdhQ=")]
    public void Signature_matches_hand_derived_vectors(string method, string path, string? query, string? body, string expected)
    {
        var signature = BitgetSigner.ComputeSignature(Fakes.Bitget(), Fakes.BitgetTime, method, path, query, body);

        Assert.Equal(expected, signature);
    }

    [Fact]
    public void Prehash_has_a_question_mark_only_when_there_is_a_query()
    {
        Assert.Equal("1659076670000GET/p?a=1", BitgetSigner.BuildPrehash(Fakes.BitgetTime, "get", "/p", "a=1", null));
        Assert.Equal("1659076670000GET/p", BitgetSigner.BuildPrehash(Fakes.BitgetTime, "GET", "/p", null, null));
        Assert.Equal("1659076670000POST/p{}", BitgetSigner.BuildPrehash(Fakes.BitgetTime, "POST", "/p", "", "{}"));
    }

    [Fact]
    public void A_different_timestamp_gives_a_different_signature()
    {
        var first = BitgetSigner.ComputeSignature(Fakes.Bitget(), Fakes.BitgetTime, "GET", "/p", null, null);
        var second = BitgetSigner.ComputeSignature(Fakes.Bitget(), Fakes.BitgetTime + 1, "GET", "/p", null, null);

        Assert.NotEqual(first, second);
    }
}

public class HtxSignerTests
{
    // HTX's own C# SDK example: secret 12345-67890-12345-67890.
    private const string VendorPayload = "GET\napi.huobi.pro\n/v1/account/accounts\nAccessKeyId=abcdefg-hijklmn-opqrst-uvwxyz&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2020-04-01T12%3A34%3A56";

    [Fact]
    public void Signature_matches_the_vendor_example()
    {
        var credentials = new HtxCredentials("abcdefg-hijklmn-opqrst-uvwxyz", "12345-67890-12345-67890");

        Assert.Equal("3IUZcEak4IIRrh7/idFrP2Jj77MaWGXR/oQbe9gL4+I=", HtxSigner.ComputeSignature(credentials, VendorPayload));
    }

    [Fact]
    public void Signed_query_of_the_vendor_example_rebuilds_its_payload_and_signature()
    {
        var credentials = new HtxCredentials("abcdefg-hijklmn-opqrst-uvwxyz", "12345-67890-12345-67890");
        var time = new DateTimeOffset(2020, 4, 1, 12, 34, 56, TimeSpan.Zero);

        var query = HtxSigner.BuildSignedQuery(credentials, "get", "API.Huobi.PRO", "/v1/account/accounts", time);

        Assert.Equal(
            "AccessKeyId=abcdefg-hijklmn-opqrst-uvwxyz&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2020-04-01T12%3A34%3A56"
            + "&Signature=" + Uri.EscapeDataString("3IUZcEak4IIRrh7/idFrP2Jj77MaWGXR/oQbe9gL4+I="),
            query);
    }

    [Fact]
    public void Payload_lower_cases_the_host_and_upper_cases_the_method()
    {
        Assert.Equal("POST\napi.hbdm.vn\n/x\na=1", HtxSigner.BuildPayload("post", "API.HBDM.VN", "/x", "a=1"));
    }

    [Fact]
    public void Timestamp_is_utc_without_fraction()
    {
        var local = new DateTimeOffset(2021, 12, 6, 10, 53, 11, 987, TimeSpan.FromHours(8));

        Assert.Equal("2021-12-06T02:53:11", HtxSigner.FormatTimestamp(local));
    }

    [Fact]
    public void Parameters_are_sorted_ordinally_and_encoded_with_upper_case_hex()
    {
        var query = HtxSigner.BuildSignedQuery(Fakes.Htx(), "POST", "api.hbdm.com", "/p", Fakes.HtxTime, [new("b", "x y/z"), new("Z", "1"), new("a", "é")]);

        var names = query.Split('&').Select(p => p.Split('=')[0]).ToArray();
        Assert.Equal(["AccessKeyId", "SignatureMethod", "SignatureVersion", "Timestamp", "Z", "a", "b", "Signature"], names);
        Assert.Contains("a=%C3%A9", query, StringComparison.Ordinal);
        Assert.Contains("b=x%20y%2Fz", query, StringComparison.Ordinal);
    }

    [Fact]
    public void Signature_covers_the_host()
    {
        var com = HtxSigner.BuildSignedQuery(Fakes.Htx(), "POST", "api.hbdm.com", "/p", Fakes.HtxTime);
        var vn = HtxSigner.BuildSignedQuery(Fakes.Htx(), "POST", "api.hbdm.vn", "/p", Fakes.HtxTime);

        Assert.NotEqual(com, vn);
    }
}

public class CredentialsTests
{
    [Theory]
    [InlineData("", "s", "p", "apiKey")]
    [InlineData("   ", "s", "p", "apiKey")]
    [InlineData("k", "", "p", "secret")]
    [InlineData("k", "\t", "p", "secret")]
    [InlineData("k", "s", "", "passphrase")]
    [InlineData("k", "s", " ", "passphrase")]
    public void Bitget_credentials_refuse_blank_values_naming_the_field(string key, string secret, string passphrase, string field)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new BitgetCredentials(key, secret, passphrase));

        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void Bitget_credentials_refuse_null()
    {
        Assert.Equal("secret", Assert.Throws<ArgumentNullException>(() => new BitgetCredentials("k", null!, "p")).ParamName);
    }

    [Theory]
    [InlineData("", "s", "accessKey")]
    [InlineData("k", " ", "secretKey")]
    public void Htx_credentials_refuse_blank_values_naming_the_field(string key, string secret, string field)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new HtxCredentials(key, secret));

        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void Credentials_never_show_their_values()
    {
        var bitget = Fakes.Bitget();
        var htx = Fakes.Htx();

        Fakes.AssertNoSecret(bitget.ToString());
        Fakes.AssertNoSecret(htx.ToString());
        foreach (var type in new[] { typeof(BitgetCredentials), typeof(HtxCredentials) })
        {
            var display = (System.Diagnostics.DebuggerDisplayAttribute)Attribute.GetCustomAttribute(type, typeof(System.Diagnostics.DebuggerDisplayAttribute))!;
            Assert.DoesNotContain("{", display.Value, StringComparison.Ordinal);
            Assert.DoesNotContain(type.GetProperties(), p => p.GetMethod?.IsPublic == true && p.PropertyType == typeof(string));
        }
    }
}
