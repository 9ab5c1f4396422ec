using System.Globalization;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using Newtonsoft.Json;

namespace GeneratedClients.Benchmarks;

/// <summary>
/// Before anything is timed: every payload read by the client, by the System.Text.Json baseline and by the
/// raw JsonConvert baseline gives the same figures (counts, the sum of every amount, the number of missing
/// amounts), so the benchmarks compare equal work, and the generated payloads really are in the wire's
/// shape (the client's quirk fixes accept them).
/// </summary>
public static class EquivalenceCheck
{
    /// <summary>Runs the check; throws when two readers disagree.</summary>
    public static void Run()
    {
        foreach (var payload in Enum.GetValues<Payload>())
        {
            var body = Payloads.Get(payload);
            var text = System.Text.Encoding.UTF8.GetString(body);
            using var http = InMemoryExchange.Http(body, Payloads.IsBitget(payload) ? BitgetClient.ProductionAddress : HtxClient.ProductionAddress);
            string client, stj, raw;
            if (Payloads.IsBitget(payload))
            {
                var result = InMemoryExchange.Bitget(http).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures).GetAwaiter().GetResult();
                client = Fingerprint(result.Select(s => (s.UserId ?? 0L, s.AssetList.Select(Amounts).ToList())));
                stj = Fingerprint(StjBaseline.Bitget(body).Data!.Select(s => (s.UserId, s.AssetList.Select(Amounts).ToList())));
                raw = Fingerprint(JsonConvert.DeserializeObject<BitgetSubAccountAssetsResponse>(text)!.Data!.Select(s => (s.UserId ?? 0L, s.AssetList.Select(RawAmounts).ToList())));
            }
            else
            {
                var result = InMemoryExchange.Htx(http).GetCrossSubAccountInfoAsync(123_456, "USDT").GetAwaiter().GetResult();
                client = Fingerprint(result.Select(a => (0L, a.ContractDetail.Concat(a.FuturesContractDetail).Select(Amounts).Prepend(Amounts(a)).ToList())));
                stj = Fingerprint(StjBaseline.Htx(body).Data!.Select(a => (0L, a.ContractDetail.Concat(a.FuturesContractDetail).Select(Amounts).Prepend(Amounts(a)).ToList())));
                raw = Fingerprint(JsonConvert.DeserializeObject<HtxCrossSubAccountInfoResponse>(text)!.Data!.Select(a => (0L, a.ContractDetail.Concat(a.FuturesContractDetail).Select(Amounts).Prepend(Amounts(a)).ToList())));
            }

            if (client != stj || client != raw)
            {
                throw new InvalidOperationException($"{payload}: the readers disagree.\n client: {client}\n STJ:    {stj}\n raw:    {raw}");
            }

            Console.WriteLine($"payload {payload,-10} {body.Length,9:N0} bytes  {client}");
        }
    }

    private static string Fingerprint(IEnumerable<(long Id, List<decimal?[]> Items)> groups)
    {
        long idSum = 0;
        int groupCount = 0, itemCount = 0, missing = 0;
        decimal sum = 0;
        foreach (var (id, items) in groups)
        {
            groupCount++;
            idSum += id;
            foreach (var item in items)
            {
                itemCount++;
                foreach (var amount in item)
                {
                    if (amount is decimal value)
                    {
                        sum += value;
                    }
                    else
                    {
                        missing++;
                    }
                }
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"groups={groupCount} items={itemCount} idSum={idSum} amountSum={sum} missing={missing}");
    }

    // The client: Equity is filled from accountEquity by its quirk fix; coupon "" is null.
    private static decimal?[] Amounts(BitgetFuturesAsset a) =>
        [a.Locked, a.Available, a.CrossedMaxAvailable, a.IsolatedMaxAvailable, a.MaxTransferOut, a.Equity, a.UsdtEquity, a.BtcEquity, a.UnrealizedPnl, a.Coupon];

    private static decimal?[] Amounts(StjBitgetAsset a) =>
        [a.Locked, a.Available, a.CrossedMaxAvailable, a.IsolatedMaxAvailable, a.MaxTransferOut, a.Equity, a.UsdtEquity, a.BtcEquity, a.UnrealizedPL, a.Coupon];

    // JsonConvert with default settings has no quirk fix: equity stays empty and accountEquity holds the value.
    private static decimal?[] RawAmounts(BitgetFuturesAsset a) =>
        [a.Locked, a.Available, a.CrossedMaxAvailable, a.IsolatedMaxAvailable, a.MaxTransferOut, a.Equity ?? a.AccountEquity, a.UsdtEquity, a.BtcEquity, a.UnrealizedPnl, a.Coupon];

    private static decimal?[] Amounts(HtxCrossSubAccountInfo a) =>
        [a.MarginBalance, a.MarginStatic, a.MarginPosition, a.MarginFrozen, a.RealizedPnl, a.UnrealizedPnl, a.WithdrawAvailable, a.RiskRate, a.MoneyIn, a.MoneyOut, a.NewRiskRate];

    private static decimal?[] Amounts(StjHtxAccount a) =>
        [a.MarginBalance, a.MarginStatic, a.MarginPosition, a.MarginFrozen, a.RealizedPnl, a.UnrealizedPnl, a.WithdrawAvailable, a.RiskRate, a.MoneyIn, a.MoneyOut, a.NewRiskRate];

    private static decimal?[] Amounts(HtxCrossContractDetail c) =>
        [c.MarginPosition, c.MarginFrozen, c.MarginAvailable, c.UnrealizedPnl, c.LiquidationPrice, c.LeverRate, c.AdjustFactor, c.CrossMaxAvailable];

    private static decimal?[] Amounts(StjHtxContract c) =>
        [c.MarginPosition, c.MarginFrozen, c.MarginAvailable, c.UnrealizedPnl, c.LiquidationPrice, c.LeverRate, c.AdjustFactor, c.CrossMaxAvailable];
}
