using System.Globalization;

namespace GeneratedClients.Simulator;

/// <summary>
/// The simulated exchanges' data, generated once from <see cref="SimulatorOptions.Seed"/>: Bitget's
/// sub-accounts with their futures assets per product type, and HTX's sub-accounts with their cross
/// margin accounts. Tests read it to know what the wire will carry.
/// </summary>
/// <remarks>
/// Every entity draws from its own generator, seeded from the seed and the entity's identity (product
/// type, userId, UID), so one sub-account's amounts do not change when the others' count does.
/// </remarks>
public sealed class SimulatedAccounts
{
    /// <summary>The product types Bitget accepts for sub-account assets, as sent on the wire.</summary>
    public static readonly IReadOnlyList<string> BitgetProductTypes =
        ["USDT-FUTURES", "COIN-FUTURES", "USDC-FUTURES", "SUSDT-FUTURES", "SCOIN-FUTURES", "SUSDC-FUTURES"];

    private const long BitgetUserIdGap = 13;

    // Reference prices (USDT) the equity conversions use.
    private const decimal BtcPrice = 67_412.35m;
    private const decimal EthPrice = 3_518.72m;

    private readonly Dictionary<string, IReadOnlyList<SimulatedBitgetSubAccount>> _bitget = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<SimulatedBitgetAsset>> _bitgetMain = new(StringComparer.Ordinal);
    private readonly Dictionary<long, SimulatedHtxSubAccount> _htx = [];

    internal SimulatedAccounts(SimulatorOptions options)
    {
        var userIds = new long[options.BitgetSubAccountCount];
        for (var i = 0; i < userIds.Length; i++)
        {
            userIds[i] = options.BitgetFirstUserId + (i * BitgetUserIdGap);
        }

        BitgetUserIds = userIds;
        BitgetMainUserId = options.BitgetMainUserId;
        foreach (var productType in BitgetProductTypes)
        {
            var productSalt = Salt(productType);
            _bitget[productType] = [.. userIds.Select(userId => BitgetSubAccount(options.Seed, productType, productSalt, userId))];
            _bitgetMain[productType] = BitgetSubAccount(options.Seed, productType, productSalt, options.BitgetMainUserId).Assets;
        }

        var inactive = options.HtxInactiveSubAccountUids.ToHashSet();
        var uids = new List<long>();
        foreach (var uid in options.HtxSubAccountUids)
        {
            if (!_htx.ContainsKey(uid))
            {
                uids.Add(uid);
                _htx[uid] = HtxSubAccount(options.Seed, uid, !inactive.Contains(uid));
            }
        }

        HtxSubAccountUids = uids;
    }

    /// <summary>The userId of the Bitget main account.</summary>
    public long BitgetMainUserId { get; }

    /// <summary>The userIds of the Bitget sub-accounts, in the order Bitget lists them.</summary>
    public IReadOnlyList<long> BitgetUserIds { get; }

    /// <summary>The HTX sub-account UIDs, duplicates removed, in the configured order.</summary>
    public IReadOnlyList<long> HtxSubAccountUids { get; }

    /// <summary>The Bitget sub-accounts' assets for a product type (as sent: <c>USDT-FUTURES</c>, ...), or null for an unknown type.</summary>
    /// <param name="productType">The product type, compared ignoring case.</param>
    /// <returns>One entry per sub-account, in the order Bitget lists them.</returns>
    public IReadOnlyList<SimulatedBitgetSubAccount>? Bitget(string productType)
    {
        ArgumentNullException.ThrowIfNull(productType);
        return _bitget.GetValueOrDefault(productType.ToUpperInvariant());
    }

    /// <summary>The Bitget main account's futures accounts for a product type, one per margin coin, or null for an unknown type.</summary>
    /// <param name="productType">The product type, compared ignoring case.</param>
    /// <returns>One account per margin coin.</returns>
    public IReadOnlyList<SimulatedBitgetAsset>? BitgetMain(string productType)
    {
        ArgumentNullException.ThrowIfNull(productType);
        return _bitgetMain.GetValueOrDefault(productType.ToUpperInvariant());
    }

    /// <summary>An HTX sub-account, or null when the main account has no such sub-account.</summary>
    /// <param name="subUid">The sub-account UID.</param>
    /// <returns>The sub-account.</returns>
    public SimulatedHtxSubAccount? Htx(long subUid) => _htx.GetValueOrDefault(subUid);

    private static SimulatedBitgetSubAccount BitgetSubAccount(int seed, string productType, ulong productSalt, long userId)
    {
        var random = new SeededRandom(seed, productSalt, (ulong)userId);
        var demo = productType.StartsWith('S');
        string[] coins = productType.TrimStart('S') switch
        {
            "COIN-FUTURES" => ["BTC", "ETH"],
            "USDC-FUTURES" => ["USDC"],
            _ => ["USDT"],
        };

        var assets = new List<SimulatedBitgetAsset>(coins.Length);
        foreach (var coin in coins)
        {
            var price = coin switch { "BTC" => BtcPrice, "ETH" => EthPrice, _ => 1m };
            var digits = coin is "BTC" or "ETH" ? 8 : random.Between(2, 8);
            var top = coin switch { "BTC" => 4m, "ETH" => 60m, _ => 250_000m };
            var available = random.Amount(top, digits);
            var locked = random.Chance(30) ? random.Amount(available / 5, digits) : 0m;
            var unrealized = random.Chance(40) ? random.SignedAmount(available / 20, digits) : 0m;
            var equity = available + locked + unrealized;
            var usdtEquity = decimal.Round(equity * price, 8, MidpointRounding.ToZero);
            assets.Add(new SimulatedBitgetAsset
            {
                MarginCoin = demo ? "S" + coin : coin,
                Locked = locked,
                Available = available,
                CrossedMaxAvailable = available,
                IsolatedMaxAvailable = available,
                MaxTransferOut = unrealized < 0 ? Math.Max(0m, available + unrealized) : available,
                AccountEquity = equity,
                UsdtEquity = usdtEquity,
                BtcEquity = decimal.Round(usdtEquity / BtcPrice, 12, MidpointRounding.ToZero),
                UnrealizedPL = unrealized,
                Coupon = random.Chance(20) ? random.Amount(50m, 2) : null,
            });
        }

        return new SimulatedBitgetSubAccount(userId, assets);
    }

    private static SimulatedHtxSubAccount HtxSubAccount(int seed, long uid, bool activated)
    {
        if (!activated)
        {
            return new SimulatedHtxSubAccount(uid, false, []);
        }

        var random = new SeededRandom(seed, Salt("HTX-USDT"), (ulong)uid);
        var marginStatic = random.Amount(120_000m, random.Between(2, 6));
        var btcPosition = random.Chance(40) ? random.Amount(marginStatic / 4, 4) : 0m;
        var hasPosition = btcPosition > 0;
        var ethPosition = hasPosition && random.Chance(50) ? random.Amount(marginStatic / 8, 4) : 0m;
        var btcProfit = hasPosition ? random.SignedAmount(btcPosition / 3, 4) : 0m;
        var ethProfit = ethPosition > 0 ? random.SignedAmount(ethPosition / 3, 4) : 0m;
        var marginFrozen = random.Chance(25) ? random.Amount(marginStatic / 50, 4) : 0m;
        var marginPosition = btcPosition + ethPosition;
        var profitUnreal = btcProfit + ethProfit;
        var marginBalance = marginStatic + profitUnreal;
        var withdrawAvailable = Math.Max(0m, marginBalance - marginPosition - marginFrozen);
        var btcLever = hasPosition ? random.Pick(5m, 10m, 20m) : 5m;
        var ethLever = ethPosition > 0 ? random.Pick(5m, 10m, 20m) : 5m;

        SimulatedHtxContract[] swaps =
        [
            new()
            {
                Symbol = "BTC",
                ContractCode = "BTC-USDT",
                MarginPosition = btcPosition,
                MarginFrozen = marginFrozen,
                MarginAvailable = withdrawAvailable,
                UnrealizedPnl = btcProfit,
                LiquidationPrice = btcPosition > 0 ? random.Amount(30_000m, 1) + 20_000m : null,
                LeverRate = btcLever,
                AdjustFactor = 0.04m,
                ContractType = "swap",
                CrossMaxAvailable = hasPosition ? withdrawAvailable * btcLever : null,
                Pair = "BTC-USDT",
                BusinessType = "swap",
            },
            new()
            {
                Symbol = "ETH",
                ContractCode = "ETH-USDT",
                MarginPosition = ethPosition,
                MarginFrozen = 0m,
                MarginAvailable = withdrawAvailable,
                UnrealizedPnl = ethProfit,
                LiquidationPrice = ethPosition > 0 ? random.Amount(1_500m, 2) + 1_000m : null,
                LeverRate = ethLever,
                AdjustFactor = 0.05m,
                ContractType = "swap",
                CrossMaxAvailable = hasPosition ? withdrawAvailable * ethLever : null,
                Pair = "ETH-USDT",
                BusinessType = "swap",
            },
        ];

        // Delivery futures: no positions; "" for cross_max_available, and the this_week item leaves it out (the wire's quirk).
        SimulatedHtxContract[] futures =
        [
            Future("BTC-USDT-240614", "next_week", withdrawAvailable, omitCrossMax: false),
            Future("BTC-USDT-240607", "this_week", withdrawAvailable, omitCrossMax: true),
            Future("BTC-USDT-240628", "quarter", withdrawAvailable, omitCrossMax: false),
        ];

        var account = new SimulatedHtxAccount
        {
            MarginBalance = marginBalance,
            MarginStatic = marginStatic,
            MarginPosition = marginPosition,
            MarginFrozen = marginFrozen,
            RealizedPnl = random.Chance(50) ? random.SignedAmount(400m, 4) : 0m,
            UnrealizedPnl = profitUnreal,
            WithdrawAvailable = withdrawAvailable,
            RiskRate = hasPosition ? decimal.Round(marginBalance / (marginPosition + marginFrozen), 4, MidpointRounding.ToZero) : null,
            PositionMode = random.Chance(50) ? "dual_side" : "single_side",
            ContractDetail = swaps,
            FuturesContractDetail = futures,
        };
        return new SimulatedHtxSubAccount(uid, true, [account]);

        static SimulatedHtxContract Future(string code, string type, decimal available, bool omitCrossMax) => new()
        {
            Symbol = "BTC",
            ContractCode = code,
            MarginPosition = 0m,
            MarginFrozen = 0m,
            MarginAvailable = available,
            UnrealizedPnl = 0m,
            LiquidationPrice = null,
            LeverRate = 5m,
            AdjustFactor = 0.04m,
            ContractType = type,
            CrossMaxAvailable = null,
            CrossMaxAvailableOmitted = omitCrossMax,
            Pair = "BTC-USDT",
            BusinessType = "futures",
        };
    }

    /// <summary>A stable 64-bit hash of a text (FNV-1a), unlike string.GetHashCode which changes per process.</summary>
    private static ulong Salt(string text)
    {
        var hash = 14_695_981_039_346_656_037UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1_099_511_628_211UL);
        }

        return hash;
    }

    /// <summary>SplitMix64: small, fast and the same on every platform and runtime version.</summary>
    private sealed class SeededRandom
    {
        private static readonly decimal[] PowersOfTen = [.. Enumerable.Range(0, 13).Select(i => decimal.Parse("1" + new string('0', i), CultureInfo.InvariantCulture))];
        private ulong _state;

        public SeededRandom(int seed, ulong salt, ulong id)
        {
            _state = unchecked(((ulong)(uint)seed * 0x9E37_79B9_7F4A_7C15UL) ^ salt ^ (id * 0xBF58_476D_1CE4_E5B9UL));
            Next();
        }

        public int Between(int low, int high) => low + (int)(Next() % (ulong)(high - low + 1));

        public bool Chance(int percent) => Next() % 100 < (ulong)percent;

        public decimal Pick(params decimal[] values) => values[Next() % (ulong)values.Length];

        /// <summary>A non-negative amount below <paramref name="top"/>, with at most <paramref name="digits"/> decimals.</summary>
        public decimal Amount(decimal top, int digits)
        {
            var units = decimal.Truncate(top * PowersOfTen[digits]);
            if (units < 1m)
            {
                return 0m;
            }

            // Two draws give 88 random bits (well inside decimal's range); reduce them below the number of units exactly.
            var draw = ((decimal)(Next() >> 16) * 1_099_511_627_776m) + (Next() >> 24);
            return (draw % units) / PowersOfTen[digits];
        }

        public decimal SignedAmount(decimal top, int digits)
        {
            var amount = Amount(top, digits);
            return Chance(50) || amount == 0m ? amount : -amount;
        }

        private ulong Next()
        {
            unchecked
            {
                var z = _state += 0x9E37_79B9_7F4A_7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
                return z ^ (z >> 31);
            }
        }
    }
}
