using GeneratedClients.Bitget;
using GeneratedClients.Htx;

namespace GeneratedClients;

/// <summary>
/// One sub-account's margin coin on one exchange, in a shape both exchanges fill, so that a risk or
/// treasury team can put Bitget and HTX in one table. A field the exchange does not report is null,
/// never guessed.
/// </summary>
/// <param name="Exchange">"Bitget" or "HTX".</param>
/// <param name="SubAccountId">The sub-account's UID, as text; null when the exchange did not send it.</param>
/// <param name="Coin">The margin coin (Bitget <c>marginCoin</c>; HTX <c>margin_asset</c>); null when the exchange did not send it.</param>
/// <param name="Equity">Account equity in the margin coin (Bitget <c>equity</c>/<c>accountEquity</c>; HTX <c>margin_balance</c>).</param>
/// <param name="Available">Available to use or transfer (Bitget <c>available</c>; HTX <c>withdraw_available</c>).</param>
/// <param name="Locked">Locked or frozen (Bitget <c>locked</c>; HTX <c>margin_frozen</c>).</param>
/// <param name="UnrealizedPnl">Unrealized profit and loss (Bitget <c>unrealizedPL</c>; HTX <c>profit_unreal</c>).</param>
/// <param name="UsdtEquity">
/// Equity valued in USDT (Bitget <c>usdtEquity</c>; HTX: the <c>margin_balance</c> itself when the margin asset is USDT,
/// the same figure, else null: HTX reports no conversion).
/// </param>
public sealed record SubAccountBalance(
    string Exchange,
    string? SubAccountId,
    string? Coin,
    decimal? Equity,
    decimal? Available,
    decimal? Locked,
    decimal? UnrealizedPnl,
    decimal? UsdtEquity)
{
    /// <summary>
    /// Whether the row is the main account's own (the owner of the API key) rather than a sub-account's; then
    /// <see cref="SubAccountId"/> is the main account's user id, when the caller gave it.
    /// </summary>
    public bool IsMainAccount { get; init; }

    /// <summary>
    /// One row per margin coin of the main account's Bitget futures accounts, marked <see cref="IsMainAccount"/>.
    /// Bitget does not send the account's user id with them, so it comes from the caller.
    /// </summary>
    /// <param name="result">The answer of <see cref="BitgetClient.GetAccountsAsync"/>.</param>
    /// <param name="mainAccountUserId">The main account's user id (Bitget's <c>userId</c>, as on its account page), or null to leave <see cref="SubAccountId"/> empty.</param>
    /// <returns>The rows, in the order Bitget sent the accounts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mainAccountUserId"/> is zero or negative.</exception>
    public static IReadOnlyList<SubAccountBalance> From(BitgetAccountsResult result, long? mainAccountUserId = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (mainAccountUserId is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(mainAccountUserId), mainAccountUserId, "A Bitget user id is a positive number.");
        }

        var id = mainAccountUserId?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return [.. result.Select(account => new SubAccountBalance(
            BitgetClient.ExchangeName,
            id,
            account.MarginCoin,
            account.AccountEquity,
            account.Available,
            account.Locked,
            account.UnrealizedPnl,
            account.UsdtEquity) { IsMainAccount = true })];
    }

    /// <summary>One row per sub-account and margin coin of a Bitget result.</summary>
    public static IReadOnlyList<SubAccountBalance> From(BitgetSubAccountAssetsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.SelectMany(sub => sub.AssetList.Select(asset => new SubAccountBalance(
            BitgetClient.ExchangeName,
            sub.UserId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            asset.MarginCoin,
            asset.Equity,
            asset.Available,
            asset.Locked,
            asset.UnrealizedPnl,
            asset.UsdtEquity)))];
    }

    /// <summary>One row per margin account of an HTX result.</summary>
    public static IReadOnlyList<SubAccountBalance> From(HtxCrossSubAccountInfoResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var id = result.SubUid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return [.. result.Select(account => new SubAccountBalance(
            HtxClient.ExchangeName,
            id,
            account.MarginAsset,
            account.MarginBalance,
            account.WithdrawAvailable,
            account.MarginFrozen,
            account.UnrealizedPnl,
            UsdtEquity: string.Equals(account.MarginAsset, "USDT", StringComparison.Ordinal) ? account.MarginBalance : null))];
    }

    /// <summary>The rows of every successful outcome of an HTX sweep (failed ones have none; see their errors).</summary>
    public static IReadOnlyList<SubAccountBalance> From(IEnumerable<HtxSubAccountOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var list = outcomes.ToList();
        if (list.Contains(null!))
        {
            throw new ArgumentException("The outcomes must not contain null entries.", nameof(outcomes));
        }

        return [.. list.Where(o => o.Result is not null).SelectMany(o => From(o.Result!))];
    }
}
