using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.IntegrationTests.Support;
using GeneratedClients.Simulator;

namespace GeneratedClients.IntegrationTests;

/// <summary>Each exchange's own error envelope, sent by the simulator, arrives as the right typed exception.</summary>
public class ErrorEnvelopeTests
{
    [Fact]
    public async Task Bitget_wrong_secret_is_an_authentication_error_40009()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetCredentials(host, secret: "not-the-secret"));

        var error = await Assert.ThrowsAsync<ExchangeAuthenticationException>(() => client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        Assert.Equal("40009", error.ExchangeCode);
        Assert.Equal("sign signature error", error.ExchangeMessage);
        Assert.Equal(400, error.HttpStatus);
        Assert.Equal(ExchangeErrorCategory.Authentication, error.Category);
        Assert.Equal("/api/v2/mix/account/sub-account-assets", error.RequestPath);
        Assert.NotNull(error.ExchangeTime);
        Assert.Equal(1, host.Statistics.Bitget.BadSignatures);
        Assert.False(Assert.Single(host.Statistics.Requests).SignatureValid);
    }

    [Fact]
    public async Task Bitget_unknown_key_is_an_authentication_error_40037()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetCredentials(host, apiKey: "bg-nobody-knows-this-key"));

        var error = await Assert.ThrowsAsync<ExchangeAuthenticationException>(() => client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        Assert.Equal("40037", error.ExchangeCode);
        Assert.Equal("Apikey does not exist", error.ExchangeMessage);
        Assert.Equal(1, host.Statistics.Bitget.AuthenticationFailures);
    }

    [Fact]
    public async Task Bitget_wrong_passphrase_is_an_authentication_error_40011()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetCredentials(host, passphrase: "wrong-passphrase"));

        var error = await Assert.ThrowsAsync<ExchangeAuthenticationException>(() => client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        Assert.Equal("40011", error.ExchangeCode);
        Assert.Equal("Invalid ACCESS_PASSPHRASE", error.ExchangeMessage);
        Assert.True(Assert.Single(host.Statistics.Requests).SignatureValid); // the signature itself was right
    }

    [Fact]
    public async Task Bitget_timestamp_two_minutes_off_without_clock_sync_is_a_timestamp_error_40008()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        var options = Sim.BitgetOptions(host, o => o.ClockSync.Enabled = false);
        var client = new BitgetClient(http, options, new OffsetClock(TimeSpan.FromMinutes(-2)));

        var error = await Assert.ThrowsAsync<ExchangeTimestampException>(() => client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        Assert.Equal("40008", error.ExchangeCode);
        Assert.Equal("Request timestamp expired", error.ExchangeMessage);
        Assert.Equal(ExchangeErrorCategory.TimestampExpired, error.Category);
        var request = Assert.Single(host.Statistics.Requests); // not retried: a timestamp error is not transient
        Assert.Equal(SimulatorOutcome.TimestampExpired, request.Outcome);
        Assert.InRange(host.Now - request.SignedAt!.Value, TimeSpan.FromSeconds(115), TimeSpan.FromSeconds(125));
    }

    [Fact]
    public async Task Bitget_over_the_limit_without_a_client_limiter_is_a_rate_limit_error_429()
    {
        await using var host = await Sim.StartAsync(); // 1 request / 10 s per key, as Bitget
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetCredentials(host)); // the plain client does not limit

        await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        var error = await Assert.ThrowsAsync<ExchangeRateLimitException>(() => client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        Assert.Equal(429, error.HttpStatus);
        Assert.Equal("429", error.ExchangeCode);
        Assert.Equal("Too Many Requests", error.ExchangeMessage);
        Assert.True(error.IsTransient);
        Assert.Equal(1, host.Statistics.Bitget.RateLimited);
    }

    [Fact]
    public async Task Htx_unknown_sub_uid_is_error_1010()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxCredentials(host));

        var error = await Assert.ThrowsAnyAsync<ExchangeApiException>(() => client.GetCrossSubAccountInfoAsync(99_999_999, "USDT"));

        Assert.Equal("1010", error.ExchangeCode);
        Assert.Equal("Account doesn't exist.", error.ExchangeMessage);
        Assert.Equal(ExchangeErrorCategory.AccountNotFound, error.Category);
        Assert.Equal("99999999", error.SubAccountId);
        Assert.Contains("sub-account 99999999", error.Message, StringComparison.Ordinal);
        Assert.Equal(200, error.HttpStatus); // HTX reports errors with HTTP 200
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task Htx_wrong_secret_is_an_authentication_error_403()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxCredentials(host, secret: "not-the-secret"));

        var error = await Assert.ThrowsAsync<ExchangeAuthenticationException>(() => client.GetCrossSubAccountInfoAsync(10_000_001, "USDT"));

        Assert.Equal("403", error.ExchangeCode);
        Assert.Equal("Verification failure [校验失败]", error.ExchangeMessage);
        Assert.Equal(1, host.Statistics.Htx.BadSignatures);
        Assert.False(Assert.Single(host.Statistics.Requests).SignatureValid);
    }

    [Fact]
    public async Task Htx_unknown_access_key_is_an_authentication_error_403()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxCredentials(host, accessKey: "htx-nobody-knows-this-key"));

        var error = await Assert.ThrowsAsync<ExchangeAuthenticationException>(() => client.GetCrossSubAccountInfoAsync(10_000_001, "USDT"));

        Assert.Equal("403", error.ExchangeCode);
        Assert.Equal("Incorrect Access key [Access key错误]", error.ExchangeMessage);
    }

    [Fact]
    public async Task Htx_timestamp_ten_minutes_off_is_error_1253()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxCredentials(host), new OffsetClock(TimeSpan.FromMinutes(10)));

        var error = await Assert.ThrowsAsync<ExchangeAuthenticationException>(() => client.GetCrossSubAccountInfoAsync(10_000_001, "USDT"));

        Assert.Equal("1253", error.ExchangeCode);
        Assert.Equal(1, host.Statistics.Htx.TimestampRejections);
        Assert.True(Assert.Single(host.Statistics.Requests).SignatureValid);
    }
}
