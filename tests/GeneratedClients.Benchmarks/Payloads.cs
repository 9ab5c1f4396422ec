using System.Globalization;
using System.Text.Json;

namespace GeneratedClients.Benchmarks;

/// <summary>The response bodies the benchmarks read.</summary>
public enum Payload
{
    /// <summary>Bitget's seed sample, specs/bitget/examples/getSubAccountAssets.200.json, byte for byte (2 sub-accounts).</summary>
    BitgetSeed,

    /// <summary>Bitget, 100 sub-accounts with 1 to 3 coins each, compact, in the wire's shape.</summary>
    Bitget100,

    /// <summary>Bitget, 2,000 sub-accounts with 1 to 3 coins each, compact, in the wire's shape.</summary>
    Bitget2000,

    /// <summary>HTX, one USDT cross-margin account with 600 contract details (480 swaps, 120 delivery futures).</summary>
    Htx600,
}

/// <summary>
/// Deterministic response bodies: the same bytes on every run and every machine (no clock, no
/// <see cref="Random"/>), built in the exact shape the exchanges send: Bitget amounts as decimal
/// strings, <c>userId</c> as a JSON number, <c>accountEquity</c> (not <c>equity</c>), <c>coupon</c> as
/// <c>""</c>; HTX amounts as JSON numbers, <c>null</c> liquidation prices and risk rates, <c>""</c> for
/// money_in/money_out/new_risk_rate and for the delivery futures' cross_max_available, and one futures
/// item without cross_max_available.
/// </summary>
public static class Payloads
{
    private static readonly Dictionary<Payload, byte[]> Cache = [];
    private static readonly Lock Gate = new();

    /// <summary>The body of <paramref name="payload"/>; built once per process.</summary>
    public static byte[] Get(Payload payload)
    {
        lock (Gate)
        {
            if (!Cache.TryGetValue(payload, out var bytes))
            {
                bytes = payload switch
                {
                    Payload.BitgetSeed => File.ReadAllBytes(RepoPaths.Spec("bitget/examples/getSubAccountAssets.200.json")),
                    Payload.Bitget100 => Bitget(100),
                    Payload.Bitget2000 => Bitget(2_000),
                    Payload.Htx600 => Htx(600),
                    _ => throw new ArgumentOutOfRangeException(nameof(payload), payload, null),
                };
                Cache[payload] = bytes;
            }

            return bytes;
        }
    }

    /// <summary>The size of <paramref name="payload"/> in bytes.</summary>
    public static int SizeOf(Payload payload) => Get(payload).Length;

    /// <summary>True for the Bitget bodies.</summary>
    public static bool IsBitget(Payload payload) => payload != Payload.Htx600;

    /// <summary>A Bitget success envelope with <paramref name="subAccounts"/> sub-accounts.</summary>
    public static byte[] Bitget(int subAccounts)
    {
        var random = new Deterministic(0xB17_6E7 + (ulong)subAccounts);
        string[] coins = ["USDT", "BTC", "ETH", "USDC", "XRP"];
        return Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("code", "00000");
            json.WriteStartArray("data");
            for (var i = 0; i < subAccounts; i++)
            {
                json.WriteStartObject();
                json.WriteNumber("userId", 4_512_300_017L + (i * 7_919L));
                json.WriteStartArray("assetList");
                var coinCount = 1 + random.Below(3);
                var first = random.Below(coins.Length);
                for (var c = 0; c < coinCount; c++)
                {
                    var coin = coins[(first + c) % coins.Length];
                    var available = random.Amount(coin == "BTC" ? 2 : 6, coin == "BTC" ? 8 : 4);
                    var locked = random.Below(3) == 0 ? random.Amount(4, 4) : 0m;
                    var equity = available + locked;
                    var unrealized = random.Below(2) == 0 ? 0m : random.Signed(random.Amount(3, 4));
                    json.WriteStartObject();
                    json.WriteString("marginCoin", coin);
                    Text(json, "locked", locked);
                    Text(json, "available", available);
                    Text(json, "crossedMaxAvailable", available);
                    Text(json, "isolatedMaxAvailable", available);
                    Text(json, "maxTransferOut", available);
                    Text(json, "accountEquity", equity);
                    Text(json, "usdtEquity", random.Amount(6, 8));
                    Text(json, "btcEquity", random.Amount(1, 12));
                    Text(json, "unrealizedPL", unrealized);
                    json.WriteString("coupon", "");
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("msg", "success");
            json.WriteNumber("requestTime", 1_717_200_000_000L);
            json.WriteEndObject();
        });
    }

    /// <summary>An HTX success envelope: one USDT account with <paramref name="contracts"/> contract details, a fifth of them delivery futures.</summary>
    public static byte[] Htx(int contracts)
    {
        var random = new Deterministic(0x4_7C5 + (ulong)contracts);
        var futures = contracts / 5;
        var swaps = contracts - futures;
        string[] futureTypes = ["this_week", "next_week", "quarter"];
        return Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("status", "ok");
            json.WriteStartArray("data");
            json.WriteStartObject();
            json.WriteStartArray("futures_contract_detail");
            for (var i = 0; i < futures; i++)
            {
                var symbol = Symbol(i / futureTypes.Length);
                var type = futureTypes[i % futureTypes.Length];
                Contract(json, random, symbol, $"{symbol}-USDT-2406{(i % futureTypes.Length) + 14}", type, "futures", crossMaxAvailable: i == 1 ? null : "");
            }

            json.WriteEndArray();
            json.WriteString("margin_mode", "cross");
            json.WriteString("margin_account", "USDT");
            json.WriteString("margin_asset", "USDT");
            json.WriteNumber("margin_balance", random.Amount(6, 8));
            json.WriteNumber("margin_static", random.Amount(6, 8));
            json.WriteNumber("margin_position", random.Amount(5, 8));
            json.WriteNumber("margin_frozen", 0m);
            json.WriteNumber("profit_real", random.Signed(random.Amount(3, 6)));
            json.WriteNumber("profit_unreal", random.Signed(random.Amount(3, 6)));
            json.WriteNumber("withdraw_available", random.Amount(6, 8));
            json.WriteNull("risk_rate");
            json.WriteString("money_in", "");
            json.WriteString("money_out", "");
            json.WriteString("new_risk_rate", "");
            json.WriteString("position_mode", "dual_side");
            json.WriteStartArray("contract_detail");
            for (var i = 0; i < swaps; i++)
            {
                var symbol = Symbol(i);
                Contract(json, random, symbol, $"{symbol}-USDT", "swap", "swap", crossMaxAvailable: "number");
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteNumber("ts", 1_717_200_000_123L);
            json.WriteEndObject();
        });
    }

    private static void Contract(Utf8JsonWriter json, Deterministic random, string symbol, string code, string type, string business, string? crossMaxAvailable)
    {
        var hasPosition = random.Below(4) == 0;
        json.WriteStartObject();
        json.WriteString("symbol", symbol);
        json.WriteString("contract_code", code);
        json.WriteNumber("margin_position", hasPosition ? random.Amount(4, 6) : 0m);
        json.WriteNumber("margin_frozen", 0m);
        json.WriteNumber("margin_available", random.Amount(5, 6));
        json.WriteNumber("profit_unreal", hasPosition ? random.Signed(random.Amount(3, 6)) : 0m);
        if (hasPosition)
        {
            json.WriteNumber("liquidation_price", random.Amount(4, 4));
        }
        else
        {
            json.WriteNull("liquidation_price");
        }

        json.WriteNumber("lever_rate", 1 + random.Below(20));
        json.WriteNumber("adjust_factor", 0.04m + (random.Below(8) * 0.01m));
        json.WriteString("contract_type", type);
        switch (crossMaxAvailable)
        {
            case null:
                break; // quirk: left out of one futures item
            case "":
                json.WriteString("cross_max_available", ""); // quirk: "" for delivery futures
                break;
            default:
                json.WriteNumber("cross_max_available", random.Amount(5, 6));
                break;
        }

        json.WriteString("trade_partition", "");
        json.WriteString("pair", $"{symbol}-USDT");
        json.WriteString("business_type", business);
        json.WriteEndObject();
    }

    /// <summary>A made-up but stable contract symbol for index <paramref name="i"/>: AAA, AAB, ...</summary>
    private static string Symbol(int i) => string.Create(3, i, static (span, n) =>
    {
        for (var k = span.Length - 1; k >= 0; k--)
        {
            span[k] = (char)('A' + (n % 26));
            n /= 26;
        }
    });

    private static void Text(Utf8JsonWriter json, string name, decimal value) =>
        json.WriteString(name, value.ToString(CultureInfo.InvariantCulture));

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return buffer.ToArray();
    }

    /// <summary>SplitMix64: a tiny, fixed pseudo-random sequence, so the payloads never depend on the runtime's Random.</summary>
    private sealed class Deterministic(ulong seed)
    {
        private ulong _state = seed;

        public int Below(int bound) => (int)(Next() % (ulong)bound);

        /// <summary>A positive amount with up to <paramref name="integerDigits"/> digits before the point and exactly <paramref name="scale"/> after it.</summary>
        public decimal Amount(int integerDigits, int scale)
        {
            var digits = integerDigits + scale;
            var mantissa = (long)(Next() % (ulong)Math.Pow(10, digits));
            return new decimal((int)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, false, (byte)scale);
        }

        public decimal Signed(decimal value) => Below(2) == 0 ? value : -value;

        private ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

/// <summary>Finds the repository's files from wherever the program runs (bin/Release/net10.0 or the repository).</summary>
public static class RepoPaths
{
    /// <summary>The repository root: the nearest parent folder with GeneratedClients.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A file under specs/.</summary>
    public static string Spec(string relative) => Path.Combine(Root, "specs", relative);

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "GeneratedClients.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("GeneratedClients.sln was not found above " + AppContext.BaseDirectory + "; run the benchmarks from the repository.");
    }
}
