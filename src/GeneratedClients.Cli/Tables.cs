using GeneratedClients.Bitget;
using GeneratedClients.Htx;

namespace GeneratedClients.Cli;

/// <summary>The tables each command prints.</summary>
internal static class Tables
{
    public static ResultTable Bitget(BitgetSubAccountAssetsResult result) => new(
        $"Bitget {result.ProductType} sub-account assets at {result.RequestTime:u}",
        ["Sub account", "Coin", "Equity", "Available", "Locked", "Unrealized PnL", "USDT equity", "BTC equity", "Coupon"],
        [.. result.SelectMany(sub => sub.AssetList.Select(asset => (IReadOnlyList<object?>)
            [sub.UserId, asset.MarginCoin, asset.Equity, asset.Available, asset.Locked, asset.UnrealizedPnl, asset.UsdtEquity, asset.BtcEquity, asset.Coupon]))]);

    public static ResultTable BitgetAccounts(BitgetAccountsResult result, long? mainUserId) => new(
        $"Bitget {result.ProductType} main-account futures accounts at {result.RequestTime:u}",
        ["Account", "Coin", "Equity", "Available", "Locked", "Unrealized PnL", "USDT equity", "BTC equity", "Crossed risk rate", "Coupon"],
        [.. result.Select(account => (IReadOnlyList<object?>)
            [mainUserId, account.MarginCoin, account.AccountEquity, account.Available, account.Locked, account.UnrealizedPnl, account.UsdtEquity, account.BtcEquity, account.CrossedRiskRate, account.Coupon])]);

    public static ResultTable Htx(IReadOnlyList<HtxSubAccountOutcome> outcomes) => new(
        "HTX cross-margin sub-account assets",
        ["Sub account", "Margin account", "Equity", "Available", "Frozen", "Position margin", "Unrealized PnL", "Risk rate", "Contracts"],
        [.. outcomes.Where(o => o.Succeeded).SelectMany(o => o.Result!.Select(account => (IReadOnlyList<object?>)
            [o.SubUid, account.MarginAccount, account.MarginBalance, account.WithdrawAvailable, account.MarginFrozen, account.MarginPosition,
             account.ProfitUnreal, account.RiskRate, account.ContractDetail.Count + account.FuturesContractDetail.Count]))]);

    public static ResultTable Summary(IReadOnlyList<SubAccountBalance> rows) => new(
        "Sub-account balances across exchanges",
        ["Exchange", "Sub account", "Main account", "Coin", "Equity", "Available", "Locked", "Unrealized PnL", "USDT equity"],
        [.. rows.Select(row => (IReadOnlyList<object?>)
            [row.Exchange, row.SubAccountId, row.IsMainAccount, row.Coin, row.Equity, row.Available, row.Locked, row.UnrealizedPnl, row.UsdtEquity])]);
}
