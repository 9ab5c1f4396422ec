using GeneratedClients.Htx;
using GeneratedClients.IntegrationTests.Support;
using GeneratedClients.Simulator;

namespace GeneratedClients.IntegrationTests;

/// <summary>The real HTX client against the simulator over loopback HTTP: values and quirks survive the trip.</summary>
public class HtxEndToEndTests
{
    [Fact]
    public async Task Plain_client_reads_a_sub_account_without_positions_with_its_nulls_and_empty_strings()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxCredentials(host));
        var expected = Sim.HtxSubAccount(host, withPosition: false);

        var result = await client.GetCrossSubAccountInfoAsync(expected.SubUid, "USDT");

        Assert.Equal(expected.SubUid, result.SubUid);
        var account = Assert.Single(result);
        AssertSame(expected.Accounts[0], account);
        Assert.Null(account.RiskRate);                                          // null on the wire
        Assert.Null(account.MoneyIn);                                           // "" on the wire
        Assert.Null(account.MoneyOut);
        Assert.Null(account.NewRiskRate);
        Assert.All(account.ContractDetail, c => Assert.Null(c.LiquidationPrice));
        Assert.All(account.ContractDetail, c => Assert.Null(c.CrossMaxAvailable)); // "" on the wire
        Assert.All(account.FuturesContractDetail, c => Assert.Null(c.CrossMaxAvailable)); // "" or missing
        Assert.NotNull(account.RealizedPnl);                                     // present, though undocumented
        Assert.InRange(result.Timestamp!.Value, host.Now.AddSeconds(-5), host.Now.AddSeconds(1));

        var request = Assert.Single(host.Statistics.RequestsTo(SimulatorEndpoint.HtxCrossSubAccountInfo));
        Assert.True(request.SignatureValid);
        Assert.Equal(SimulatorOutcome.Served, request.Outcome);
    }

    [Fact]
    public async Task Options_client_reads_a_sub_account_with_a_position_and_all_margin_accounts()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxOptions(host));
        var expected = Sim.HtxSubAccount(host, withPosition: true);

        var result = await client.GetCrossSubAccountInfoAsync(expected.SubUid); // margin_account left out: all accounts

        var account = Assert.Single(result);
        AssertSame(expected.Accounts[0], account);
        Assert.NotNull(account.RiskRate);
        Assert.NotNull(account.ContractDetail[0].LiquidationPrice);
        Assert.NotNull(account.ContractDetail[0].CrossMaxAvailable);
        Assert.Single(host.Statistics.RequestsTo(SimulatorEndpoint.HtxTimestamp)); // clock sync
        Assert.Equal(2, host.Statistics.Htx.Served); // the server time and the data
    }

    [Fact]
    public async Task A_sub_account_that_has_not_activated_contracts_has_no_accounts()
    {
        await using var host = await Sim.StartAsync(o => o.HtxInactiveSubAccountUids = [10_000_007]);
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxCredentials(host));

        var result = await client.GetCrossSubAccountInfoAsync(10_000_007, "USDT");

        Assert.Empty(result);
    }

    internal static void AssertSame(SimulatedHtxAccount want, HtxCrossSubAccountInfo got)
    {
        Assert.Equal(want.MarginMode, got.MarginMode);
        Assert.Equal(want.MarginAccount, got.MarginAccount);
        Assert.Equal(want.MarginAsset, got.MarginAsset);
        Assert.Equal(want.MarginBalance, got.MarginBalance);
        Assert.Equal(want.MarginStatic, got.MarginStatic);
        Assert.Equal(want.MarginPosition, got.MarginPosition);
        Assert.Equal(want.MarginFrozen, got.MarginFrozen);
        Assert.Equal(want.RealizedPnl, got.RealizedPnl);
        Assert.Equal(want.UnrealizedPnl, got.UnrealizedPnl);
        Assert.Equal(want.WithdrawAvailable, got.WithdrawAvailable);
        Assert.Equal(want.RiskRate, got.RiskRate);
        Assert.Equal(want.PositionMode, got.PositionMode);
        AssertSame(want.ContractDetail, got.ContractDetail);
        AssertSame(want.FuturesContractDetail, got.FuturesContractDetail);
    }

    private static void AssertSame(IReadOnlyList<SimulatedHtxContract> want, IReadOnlyList<HtxCrossContractDetail> list)
    {
        Assert.Equal(want.Count, list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            Assert.Equal(want[i].Symbol, list[i].Symbol);
            Assert.Equal(want[i].ContractCode, list[i].ContractCode);
            Assert.Equal(want[i].MarginPosition, list[i].MarginPosition);
            Assert.Equal(want[i].MarginFrozen, list[i].MarginFrozen);
            Assert.Equal(want[i].MarginAvailable, list[i].MarginAvailable);
            Assert.Equal(want[i].UnrealizedPnl, list[i].UnrealizedPnl);
            Assert.Equal(want[i].LiquidationPrice, list[i].LiquidationPrice);
            Assert.Equal(want[i].LeverRate, list[i].LeverRate);
            Assert.Equal(want[i].AdjustFactor, list[i].AdjustFactor);
            Assert.Equal(want[i].ContractType, list[i].ContractType);
            Assert.Equal(want[i].CrossMaxAvailable, list[i].CrossMaxAvailable);
            Assert.Equal(want[i].TradePartition, list[i].TradePartition);
            Assert.Equal(want[i].Pair, list[i].Pair);
            Assert.Equal(want[i].BusinessType, list[i].BusinessType);
        }
    }
}
