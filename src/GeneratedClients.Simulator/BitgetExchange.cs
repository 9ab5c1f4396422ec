using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GeneratedClients.Simulator;

/// <summary>
/// Bitget's side of <c>GET /api/v2/mix/account/sub-account-assets</c>, <c>GET /api/v2/mix/account/accounts</c> and
/// <c>GET /api/v2/public/time</c>:
/// the signature checked from the raw request, Bitget's error envelope and codes, the per-key rate limit.
/// </summary>
/// <remarks>
/// Checks, in order: the four ACCESS-* headers present (40001 key, 40002 sign, 40003 timestamp,
/// 40011 passphrase); the key known (40037); the timestamp a number of milliseconds (40005) within
/// <see cref="SimulatorOptions.BitgetTimestampTolerance"/> of the simulated clock (40008); the passphrase
/// (40011); the signature (40009). Then the endpoint's rate limit (HTTP 429, code "429"), then productType (40019
/// missing, 40020 unknown; compared ignoring case). Errors are HTTP 400 with
/// <c>{"code","msg","requestTime","data":null}</c>.
/// </remarks>
internal static class BitgetExchange
{
    public static SimResponse ServerTime(SimRequest request, SimulatorState state)
    {
        var now = state.Now.ToUnixTimeMilliseconds();
        var body = Wire.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("code", "00000");
            json.WriteString("msg", "success");
            json.WriteNumber("requestTime", now);
            json.WriteStartObject("data");
            json.WriteString("serverTime", now.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteEndObject();
        });
        return new SimResponse(200, Wire.Json, body, SimulatorOutcome.Served, null);
    }

    public static SimResponse SubAccountAssets(SimRequest request, SimulatorState state, bool enforceRateLimit)
    {
        if (Admit(request, state, enforceRateLimit ? state.BitgetLimits : null, out var productType) is { } refused)
        {
            return refused;
        }

        var subAccounts = state.Accounts.Bitget(productType)!;
        return Success(state, json =>
        {
            json.WriteStartArray("data");
            foreach (var subAccount in subAccounts)
            {
                json.WriteStartObject();
                json.WriteNumber("userId", subAccount.UserId); // quirk: a JSON number, though documented as String
                json.WriteStartArray("assetList");
                foreach (var asset in subAccount.Assets)
                {
                    json.WriteStartObject();
                    WriteAsset(json, asset);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    /// <summary>
    /// <c>GET /api/v2/mix/account/accounts</c>: the main account's futures account per margin coin, the asset fields of
    /// the sub-account assets plus the cross/isolated fields and <c>assetMode</c>; counted against its own limit.
    /// </summary>
    public static SimResponse Accounts(SimRequest request, SimulatorState state, bool enforceRateLimit)
    {
        if (Admit(request, state, enforceRateLimit ? state.BitgetAccountsLimits : null, out var productType) is { } refused)
        {
            return refused;
        }

        var accounts = state.Accounts.BitgetMain(productType)!;
        return Success(state, json =>
        {
            json.WriteStartArray("data");
            foreach (var account in accounts)
            {
                json.WriteStartObject();
                WriteAsset(json, account);
                var equity = account.AccountEquity;
                json.WriteString("crossedRiskRate", Wire.Text(equity > 0 ? decimal.Round(account.Locked / equity, 6, MidpointRounding.ToZero) : 0m));
                json.WriteString("crossedUnrealizedPL", Wire.Text(account.UnrealizedPL));
                json.WriteString("isolatedUnrealizedPL", "0");
                json.WriteString("assetMode", "single");
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    /// <summary>The checks every signed Bitget read shares: authentication, then the rate limit (when given), then productType.</summary>
    private static SimResponse? Admit(SimRequest request, SimulatorState state, SlidingWindowLog? limit, out string productType)
    {
        productType = string.Empty;
        if (Authenticate(request, state) is { } refused)
        {
            return refused;
        }

        if (limit is not null && state.Options.RateLimitsEnabled && !limit.TryAcquire(request.Key!))
        {
            return Error(state, 429, "429", "Too Many Requests", SimulatorOutcome.RateLimited);
        }

        var asked = QueryValue(request.RawQuery, "productType");
        if (string.IsNullOrEmpty(asked))
        {
            return Error(state, 400, "40019", "Parameter productType cannot be empty", SimulatorOutcome.BadRequest);
        }

        if (state.Accounts.Bitget(asked) is null)
        {
            return Error(state, 400, "40020", "Parameter productType error", SimulatorOutcome.BadRequest);
        }

        productType = asked;
        return null;
    }

    /// <summary>A 200 success envelope whose <c>data</c> <paramref name="writeData"/> writes.</summary>
    private static SimResponse Success(SimulatorState state, Action<System.Text.Json.Utf8JsonWriter> writeData)
    {
        var now = state.Now.ToUnixTimeMilliseconds();
        var body = Wire.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("code", "00000");
            writeData(json);
            json.WriteString("msg", "success");
            json.WriteNumber("requestTime", now);
            json.WriteEndObject();
        });
        return new SimResponse(200, Wire.Json, body, SimulatorOutcome.Served, null);
    }

    /// <summary>The asset fields both account endpoints send, amounts as decimal strings.</summary>
    private static void WriteAsset(System.Text.Json.Utf8JsonWriter json, SimulatedBitgetAsset asset)
    {
        json.WriteString("marginCoin", asset.MarginCoin);
        json.WriteString("locked", Wire.Text(asset.Locked));
        json.WriteString("available", Wire.Text(asset.Available));
        json.WriteString("crossedMaxAvailable", Wire.Text(asset.CrossedMaxAvailable));
        json.WriteString("isolatedMaxAvailable", Wire.Text(asset.IsolatedMaxAvailable));
        json.WriteString("maxTransferOut", Wire.Text(asset.MaxTransferOut));
        json.WriteString("accountEquity", Wire.Text(asset.AccountEquity)); // quirk: not "equity"
        json.WriteString("usdtEquity", Wire.Text(asset.UsdtEquity));
        json.WriteString("btcEquity", Wire.Text(asset.BtcEquity));
        json.WriteString("unrealizedPL", Wire.Text(asset.UnrealizedPL));
        json.WriteString("coupon", asset.Coupon is decimal coupon ? Wire.Text(coupon) : ""); // quirk: "" for none
    }

    /// <summary>Bitget's error envelope with the given HTTP status.</summary>
    public static SimResponse Error(SimulatorState state, int status, string code, string message, SimulatorOutcome outcome) =>
        new(status, Wire.Json, Envelope(state, code, message), outcome, code);

    public static byte[] Envelope(SimulatorState state, string code, string message)
    {
        var now = state.Now.ToUnixTimeMilliseconds();
        return Wire.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("code", code);
            json.WriteString("msg", message);
            json.WriteNumber("requestTime", now);
            json.WriteNull("data");
            json.WriteEndObject();
        });
    }

    /// <summary>The body of an injected 5xx: Bitget's envelope with the status as the code.</summary>
    public static byte[] ServerErrorBody(SimulatorState state, int status) =>
        Envelope(state, status.ToString(CultureInfo.InvariantCulture), Wire.ReasonPhrase(status));

    /// <summary>The first prefix of the success envelope, for the endless-body fault.</summary>
    public static byte[] EndlessPrefix(SimulatorState state) =>
        Encoding.UTF8.GetBytes($"{{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":{state.Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)},\"data\":[");

    private static SimResponse? Authenticate(SimRequest request, SimulatorState state)
    {
        var options = state.Options;
        var key = request.Header("ACCESS-KEY");
        var sign = request.Header("ACCESS-SIGN");
        var timestamp = request.Header("ACCESS-TIMESTAMP");
        var passphrase = request.Header("ACCESS-PASSPHRASE");
        request.Key = string.IsNullOrEmpty(key) ? null : key;
        request.SignedTimestamp = string.IsNullOrEmpty(timestamp) ? null : timestamp;

        if (string.IsNullOrEmpty(key))
        {
            return Error(state, 400, "40001", "ACCESS_KEY cannot be empty", SimulatorOutcome.AuthenticationFailed);
        }

        if (string.IsNullOrEmpty(sign))
        {
            return Error(state, 400, "40002", "ACCESS_SIGN cannot be empty", SimulatorOutcome.AuthenticationFailed);
        }

        if (string.IsNullOrEmpty(timestamp))
        {
            return Error(state, 400, "40003", "ACCESS_TIMESTAMP cannot be empty", SimulatorOutcome.AuthenticationFailed);
        }

        if (string.IsNullOrEmpty(passphrase))
        {
            return Error(state, 400, "40011", "ACCESS_PASSPHRASE cannot be empty", SimulatorOutcome.AuthenticationFailed);
        }

        if (!string.Equals(key, options.BitgetApiKey, StringComparison.Ordinal))
        {
            return Error(state, 400, "40037", "Apikey does not exist", SimulatorOutcome.AuthenticationFailed);
        }

        // Verified before the other checks so that the log says whether it held, whatever else failed.
        request.SignatureValid = VerifySignature(request, options.BitgetApiSecret, timestamp, sign);

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return Error(state, 400, "40005", "Invalid ACCESS_TIMESTAMP", SimulatorOutcome.AuthenticationFailed);
        }

        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        request.SignedAt = signedAt;
        if ((signedAt - request.ReceivedAt).Duration() > options.BitgetTimestampTolerance)
        {
            return Error(state, 400, "40008", "Request timestamp expired", SimulatorOutcome.TimestampExpired);
        }

        if (!FixedTimeEquals(passphrase, options.BitgetPassphrase))
        {
            return Error(state, 400, "40011", "Invalid ACCESS_PASSPHRASE", SimulatorOutcome.AuthenticationFailed);
        }

        return request.SignatureValid == true
            ? null
            : Error(state, 400, "40009", "sign signature error", SimulatorOutcome.BadSignature);
    }

    /// <summary>
    /// prehash = ACCESS-TIMESTAMP (as sent) + METHOD + path + ("?" + query, when there is one) + body,
    /// all exactly as received; the signature is Base64(HMAC-SHA256(secret, prehash)), compared in constant time.
    /// </summary>
    private static bool VerifySignature(SimRequest request, string secret, string timestamp, string sign)
    {
        var prehash = new StringBuilder(timestamp.Length + request.Path.Length + request.RawQuery.Length + request.Body.Length + 16)
            .Append(timestamp)
            .Append(request.Method.ToUpperInvariant())
            .Append(request.Path);
        if (request.RawQuery.Length > 0)
        {
            prehash.Append('?').Append(request.RawQuery);
        }

        prehash.Append(Encoding.UTF8.GetString(request.Body));
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(prehash.ToString()));
        var received = new byte[((sign.Length + 3) / 4) * 3];
        return Convert.TryFromBase64String(sign, received, out var length)
            && CryptographicOperations.FixedTimeEquals(expected, received.AsSpan(0, length));
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>The decoded value of the first query parameter called <paramref name="name"/>, or null.</summary>
    private static string? QueryValue(string rawQuery, string name)
    {
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var partName = Uri.UnescapeDataString(equals < 0 ? part : part[..equals]);
            if (string.Equals(partName, name, StringComparison.Ordinal))
            {
                return equals < 0 ? string.Empty : Uri.UnescapeDataString(part[(equals + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }
}
