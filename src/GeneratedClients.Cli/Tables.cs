using GeneratedClients.Bitget;
using GeneratedClients.Htx;

namespace GeneratedClients.Cli;

/// <summary>The tables each command prints; every row says where its numbers come from (Source: live or simulator).</summary>
internal static class Tables
{
    public static ResultTable Bitget(string source, BitgetSubAccountAssetsResult result) => new(
        $"Bitget {result.ProductType} sub-account assets at {result.RequestTime:u}",
        ["Source", "Sub account", "Coin", "Equity", "Available", "Locked", "Unrealized PnL", "USDT equity", "BTC equity", "Coupon"],
        [.. result.SelectMany(sub => sub.AssetList.Select(asset => (IReadOnlyList<object?>)
            [source, sub.UserId, asset.MarginCoin, asset.Equity, asset.Available, asset.Locked, asset.UnrealizedPnl, asset.UsdtEquity, asset.BtcEquity, asset.Coupon]))]);

    public static ResultTable BitgetAccounts(string source, BitgetAccountsResult result, long? mainUserId) => new(
        $"Bitget {result.ProductType} main-account futures accounts at {result.RequestTime:u}",
        ["Source", "Account", "Coin", "Equity", "Available", "Locked", "Unrealized PnL", "USDT equity", "BTC equity", "Crossed risk rate", "Coupon"],
        [.. result.Select(account => (IReadOnlyList<object?>)
            [source, mainUserId, account.MarginCoin, account.AccountEquity, account.Available, account.Locked, account.UnrealizedPnl, account.UsdtEquity, account.BtcEquity, account.CrossedRiskRate, account.Coupon])]);

    public static ResultTable Htx(string source, IReadOnlyList<HtxSubAccountOutcome> outcomes) => new(
        "HTX cross-margin sub-account assets",
        ["Source", "Sub account", "Margin account", "Equity", "Available", "Frozen", "Position margin", "Unrealized PnL", "Risk rate", "Contracts"],
        [.. outcomes.Where(o => o.Succeeded).SelectMany(o => o.Result!.Select(account => (IReadOnlyList<object?>)
            [source, o.SubUid, account.MarginAccount, account.MarginBalance, account.WithdrawAvailable, account.MarginFrozen, account.MarginPosition,
             account.UnrealizedPnl, account.RiskRate, account.ContractDetail.Count + account.FuturesContractDetail.Count]))]);

    public static ResultTable Summary(IReadOnlyList<(string Source, SubAccountBalance Row)> rows) => new(
        "Sub-account balances across exchanges",
        ["Source", "Exchange", "Sub account", "Main account", "Coin", "Equity", "Available", "Locked", "Unrealized PnL", "USDT equity"],
        [.. rows.Select(r => (IReadOnlyList<object?>)
            [r.Source, r.Row.Exchange, r.Row.SubAccountId, r.Row.IsMainAccount, r.Row.Coin, r.Row.Equity, r.Row.Available, r.Row.Locked, r.Row.UnrealizedPnl, r.Row.UsdtEquity])]);

    /// <summary>
    /// Per source, exchange and coin: how many accounts, and the exact (decimal) sums of equity, available, locked,
    /// unrealized PnL and USDT equity. A sum is left empty when any account of the group does not report the figure:
    /// a partial sum would read as a total.
    /// </summary>
    public static ResultTable Totals(IReadOnlyList<(string Source, SubAccountBalance Row)> rows) => new(
        "Totals per exchange and coin",
        ["Source", "Exchange", "Coin", "Accounts", "Equity", "Available", "Locked", "Unrealized PnL", "USDT equity"],
        [.. rows.GroupBy(r => (r.Source, r.Row.Exchange, r.Row.Coin))
            .OrderBy(g => g.Key.Exchange, StringComparer.Ordinal).ThenBy(g => g.Key.Coin, StringComparer.Ordinal).ThenBy(g => g.Key.Source, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<object?>)
                [g.Key.Source, g.Key.Exchange, g.Key.Coin, g.Count(),
                 Sum(g, r => r.Equity), Sum(g, r => r.Available), Sum(g, r => r.Locked), Sum(g, r => r.UnrealizedPnl), Sum(g, r => r.UsdtEquity)])]);

    private static decimal? Sum(IEnumerable<(string Source, SubAccountBalance Row)> group, Func<SubAccountBalance, decimal?> figure)
    {
        var total = 0m;
        foreach (var (_, row) in group)
        {
            if (figure(row) is not decimal value)
            {
                return null;
            }

            total += value;
        }

        return total;
    }
}
