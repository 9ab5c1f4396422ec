using GeneratedClients.Bitget;
using GeneratedClients.IntegrationTests.Support;
using GeneratedClients.Simulator;

namespace GeneratedClients.IntegrationTests;

/// <summary>Bitget's main-account futures accounts (<c>GET /api/v2/mix/account/accounts</c>) against the simulator over loopback HTTP.</summary>
public class BitgetAccountsEndToEndTests
{
    [Theory]
    [InlineData(BitgetProductType.UsdtFutures, "USDT-FUTURES")]
    [InlineData(BitgetProductType.CoinFutures, "COIN-FUTURES")]
    [InlineData(BitgetProductType.UsdcFuturesDemo, "SUSDC-FUTURES")]
    public async Task The_main_accounts_come_back_exact_for_every_product_type(BitgetProductType productType, string wire)
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetCredentials(host));

        var result = await client.GetAccountsAsync(productType);

        var expected = host.Accounts.BitgetMain(wire)!;
        Assert.Equal(expected.Count, result.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].MarginCoin, result[i].MarginCoin);
            Assert.Equal(expected[i].AccountEquity, result[i].AccountEquity);
            Assert.Equal(expected[i].Available, result[i].Available);
            Assert.Equal(expected[i].Locked, result[i].Locked);
            Assert.Equal(expected[i].UsdtEquity, result[i].UsdtEquity);
            Assert.Equal(expected[i].UnrealizedPL, result[i].UnrealizedPnl);
            Assert.Equal(expected[i].UnrealizedPL, result[i].CrossedUnrealizedPnl);
            Assert.Equal(expected[i].Coupon, result[i].Coupon);
            Assert.Equal("single", result[i].AssetMode);
        }

        Assert.DoesNotContain(result.Deviations, d => d.Kind != WireDeviationKind.Empty);
        var request = Assert.Single(host.Statistics.RequestsTo(SimulatorEndpoint.BitgetAccounts));
        Assert.True(request.SignatureValid);
        Assert.Equal(SimulatorOutcome.Served, request.Outcome);
    }

    [Fact]
    public async Task The_unified_view_puts_the_main_account_beside_its_sub_accounts()
    {
        await using var host = await Sim.StartAsync(o => o.BitgetSubAccountCount = 3);
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetOptions(host));

        var rows = SubAccountBalance.From(await client.GetAccountsAsync(BitgetProductType.UsdtFutures), host.Options.BitgetMainUserId)
            .Concat(SubAccountBalance.From(await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures)))
            .ToList();

        var main = Assert.Single(rows, r => r.IsMainAccount);
        Assert.Equal(host.Options.BitgetMainUserId.ToString(System.Globalization.CultureInfo.InvariantCulture), main.SubAccountId);
        Assert.Equal(host.Accounts.BitgetMain("USDT-FUTURES")![0].AccountEquity, main.Equity);
        Assert.Equal(host.Accounts.BitgetUserIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Where(r => !r.IsMainAccount).Select(r => r.SubAccountId));
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_the_simulator_as_bitget_would()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetCredentials(host, secret: "wrong"));

        var error = await Assert.ThrowsAsync<ExchangeAuthenticationException>(() => client.GetAccountsAsync(BitgetProductType.UsdtFutures));

        Assert.Equal("40009", error.ExchangeCode);
        Assert.Equal("/api/v2/mix/account/accounts", error.RequestPath);
        Assert.False(Assert.Single(host.Statistics.RequestsTo(SimulatorEndpoint.BitgetAccounts)).SignatureValid);
    }

    [Fact]
    public void The_simulator_enforces_the_limits_the_library_reads_from_the_specs()
    {
        var options = new SimulatorOptions();

        Assert.Equal(ExchangeRateLimits.BitgetSubAccountAssets, new ExchangeRateLimit(options.BitgetRateLimitPermits, options.BitgetRateLimitWindow));
        Assert.Equal(ExchangeRateLimits.BitgetAccounts, new ExchangeRateLimit(options.BitgetAccountsRateLimitPermits, options.BitgetAccountsRateLimitWindow));
        Assert.Equal(ExchangeRateLimits.HtxRead, new ExchangeRateLimit(options.HtxRateLimitPermits, options.HtxRateLimitWindow));
    }
}
