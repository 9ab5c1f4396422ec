using GeneratedClients.Bitget;
using GeneratedClients.IntegrationTests.Support;
using GeneratedClients.Simulator;

namespace GeneratedClients.IntegrationTests;

/// <summary>The real Bitget client against the simulator over loopback HTTP: values and quirks survive the trip.</summary>
public class BitgetEndToEndTests
{
    [Fact]
    public async Task Plain_client_reads_every_sub_account_with_the_quirks_resolved()
    {
        await using var host = await Sim.StartAsync(o => o.BitgetSubAccountCount = 12);
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetCredentials(host));

        var result = await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        var expected = host.Accounts.Bitget("USDT-FUTURES")!;
        Assert.Contains(expected, s => s.Assets[0].Coupon is null); // the data does exercise coupon ""
        Assert.Contains(expected, s => s.Assets[0].Coupon is not null);
        Assert.All(expected, s => Assert.True(s.UserId > int.MaxValue)); // and 64-bit userIds
        AssertSame(expected, result);
        Assert.Equal(BitgetProductType.UsdtFutures, result.ProductType);
        Assert.InRange(result.RequestTime!.Value, host.Now.AddSeconds(-5), host.Now.AddSeconds(1));

        Assert.Equal(1, host.Statistics.Bitget.Served);
        var request = Assert.Single(host.Statistics.RequestsTo(SimulatorEndpoint.BitgetSubAccountAssets));
        Assert.True(request.SignatureValid);
        Assert.Equal(host.Options.BitgetApiKey, request.Key);
    }

    [Fact]
    public async Task Options_client_reads_coin_futures_with_one_asset_per_margin_coin()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetOptions(host));

        var result = await client.GetSubAccountAssetsAsync(BitgetProductType.CoinFutures);

        var expected = host.Accounts.Bitget("COIN-FUTURES")!;
        AssertSame(expected, result);
        Assert.All(result, s => Assert.Equal(["BTC", "ETH"], s.AssetList.Select(a => a.MarginCoin)));

        // The options client synchronised its clock first (public endpoint), then sent one signed request.
        Assert.Single(host.Statistics.RequestsTo(SimulatorEndpoint.BitgetServerTime));
        Assert.True(Assert.Single(host.Statistics.RequestsTo(SimulatorEndpoint.BitgetSubAccountAssets)).SignatureValid);
        Assert.InRange(client.ClockOffset.Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData(BitgetProductType.UsdtFutures, "USDT")]
    [InlineData(BitgetProductType.UsdcFutures, "USDC")]
    [InlineData(BitgetProductType.UsdtFuturesDemo, "SUSDT")]
    [InlineData(BitgetProductType.CoinFuturesDemo, "SBTC")]
    public async Task Every_product_type_is_answered_with_its_own_margin_coins(BitgetProductType productType, string firstCoin)
    {
        await using var host = await Sim.StartAsync(o => o.BitgetSubAccountCount = 2);
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetCredentials(host));

        var result = await client.GetSubAccountAssetsAsync(productType);

        Assert.Equal(2, result.Count);
        Assert.All(result, s => Assert.Equal(firstCoin, s.AssetList[0].MarginCoin));
    }

    [Fact]
    public async Task A_main_account_without_sub_accounts_gets_an_empty_list()
    {
        await using var host = await Sim.StartAsync(o => o.BitgetSubAccountCount = 0);
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetCredentials(host));

        var result = await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.Empty(result);
        Assert.Equal("00000", result.Response.Code);
    }

    internal static void AssertSame(IReadOnlyList<SimulatedBitgetSubAccount> expected, BitgetSubAccountAssetsResult actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].UserId, actual[i].UserId);
            var assets = actual[i].AssetList.ToList();
            Assert.Equal(expected[i].Assets.Count, assets.Count);
            for (var j = 0; j < assets.Count; j++)
            {
                var want = expected[i].Assets[j];
                var got = assets[j];
                Assert.Equal(want.MarginCoin, got.MarginCoin);
                Assert.Equal(want.Locked, got.Locked);
                Assert.Equal(want.Available, got.Available);
                Assert.Equal(want.CrossedMaxAvailable, got.CrossedMaxAvailable);
                Assert.Equal(want.IsolatedMaxAvailable, got.IsolatedMaxAvailable);
                Assert.Equal(want.MaxTransferOut, got.MaxTransferOut);
                Assert.Equal(want.AccountEquity, got.AccountEquity);
                Assert.Equal(want.AccountEquity, got.Equity); // read from accountEquity: the wire never sends "equity"
                Assert.False(got.HasEquityConflict);
                Assert.Equal(want.UsdtEquity, got.UsdtEquity);
                Assert.Equal(want.BtcEquity, got.BtcEquity);
                Assert.Equal(want.UnrealizedPL, got.UnrealizedPnl);
                Assert.Equal(want.Coupon, got.Coupon); // "" on the wire is null here
            }
        }
    }
}
