using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GeneratedClients.Simulator;

/// <summary>
/// HTX's side of <c>POST /linear-swap-api/v1/swap_cross_sub_account_info</c> and <c>GET /api/v1/timestamp</c>:
/// signature version 2 checked from the raw request, HTX's error envelope (always HTTP 200), the per-key
/// read limit.
/// </summary>
/// <remarks>
/// Checks, in order: the query parses with each parameter once, and names an AccessKeyId (403
/// "Incorrect Access key" when missing or unknown); SignatureMethod=HmacSHA256, SignatureVersion=2, a
/// Signature and a Timestamp in <c>yyyy-MM-ddTHH:mm:ss</c> (403 "Verification failure" otherwise); the
/// Timestamp within <see cref="SimulatorOptions.HtxTimestampTolerance"/> of the simulated clock (1253);
/// the signature (403 "Verification failure"). Then the read limit (1032), then the body: a JSON object
/// with a positive <c>sub_uid</c> (number or digit string) and an optional string <c>margin_account</c>
/// (1014 otherwise); an unknown sub_uid is 1010. A margin account the sub-account does not have (only
/// USDT exists) gives no entries, like a sub-account that has not activated contract trading.
/// </remarks>
internal static class HtxExchange
{
    private const string IncorrectKey = "Incorrect Access key [Access key错误]";
    private const string VerificationFailure = "Verification failure [校验失败]";

    public static SimResponse Timestamp(SimRequest request, SimulatorState state)
    {
        var now = state.Now.ToUnixTimeMilliseconds();
        var body = Wire.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("status", "ok");
            json.WriteNumber("ts", now);
            json.WriteEndObject();
        });
        return new SimResponse(200, Wire.Json, body, SimulatorOutcome.Served, null);
    }

    public static SimResponse CrossSubAccountInfo(SimRequest request, SimulatorState state, bool enforceRateLimit)
    {
        if (Authenticate(request, state) is { } refused)
        {
            return refused;
        }

        if (enforceRateLimit && state.Options.RateLimitsEnabled && !state.HtxLimits.TryAcquire(request.Key!))
        {
            return Error(state, 1032, "The number of access exceeded the limit.", SimulatorOutcome.RateLimited);
        }

        if (!TryReadBody(request, out var subUid, out var marginAccount))
        {
            return Error(state, 1014, "Invalid parameter", SimulatorOutcome.BadRequest);
        }

        var subAccount = state.Accounts.Htx(subUid);
        if (subAccount is null)
        {
            return Error(state, 1010, "Account doesn't exist.", SimulatorOutcome.UnknownAccount);
        }

        var accounts = subAccount.Accounts
            .Where(a => marginAccount is null || string.Equals(a.MarginAccount, marginAccount, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var now = state.Now.ToUnixTimeMilliseconds();
        var body = Wire.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("status", "ok");
            json.WriteStartArray("data");
            foreach (var account in accounts)
            {
                WriteAccount(json, account);
            }

            json.WriteEndArray();
            json.WriteNumber("ts", now);
            json.WriteEndObject();
        });
        return new SimResponse(200, Wire.Json, body, SimulatorOutcome.Served, null);
    }

    /// <summary>HTX's error envelope; HTX sends it with HTTP 200.</summary>
    public static SimResponse Error(SimulatorState state, int code, string message, SimulatorOutcome outcome) =>
        new(200, Wire.Json, Envelope(state, code, message), outcome, code.ToString(CultureInfo.InvariantCulture));

    /// <summary>The body of an injected 5xx: HTX's envelope with the status as the code.</summary>
    public static byte[] ServerErrorBody(SimulatorState state, int status) => Envelope(state, status, Wire.ReasonPhrase(status));

    /// <summary>The first prefix of the success envelope, for the endless-body fault.</summary>
    public static byte[] EndlessPrefix() => Encoding.UTF8.GetBytes("{\"status\":\"ok\",\"data\":[");

    private static byte[] Envelope(SimulatorState state, int code, string message)
    {
        var now = state.Now.ToUnixTimeMilliseconds();
        return Wire.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("status", "error");
            json.WriteNumber("err_code", code);
            json.WriteString("err_msg", message);
            json.WriteNumber("ts", now);
            json.WriteEndObject();
        });
    }

    private static void WriteAccount(Utf8JsonWriter json, SimulatedHtxAccount account)
    {
        json.WriteStartObject();
        json.WriteStartArray("futures_contract_detail");
        foreach (var contract in account.FuturesContractDetail)
        {
            WriteContract(json, contract);
        }

        json.WriteEndArray();
        json.WriteString("margin_mode", account.MarginMode);
        json.WriteString("margin_account", account.MarginAccount);
        json.WriteString("margin_asset", account.MarginAsset);
        Number(json, "margin_balance", account.MarginBalance);
        Number(json, "margin_static", account.MarginStatic);
        Number(json, "margin_position", account.MarginPosition);
        Number(json, "margin_frozen", account.MarginFrozen);
        Number(json, "profit_real", account.RealizedPnl); // quirk: sent, though not in the documentation's table
        Number(json, "profit_unreal", account.UnrealizedPnl);
        Number(json, "withdraw_available", account.WithdrawAvailable);
        NumberOrNull(json, "risk_rate", account.RiskRate); // quirk: null without a position
        json.WriteString("money_in", ""); // quirk: "" although documented as bigdecimal
        json.WriteString("money_out", "");
        json.WriteString("new_risk_rate", "");
        json.WriteString("position_mode", account.PositionMode);
        json.WriteStartArray("contract_detail");
        foreach (var contract in account.ContractDetail)
        {
            WriteContract(json, contract);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteContract(Utf8JsonWriter json, SimulatedHtxContract contract)
    {
        json.WriteStartObject();
        json.WriteString("symbol", contract.Symbol);
        json.WriteString("contract_code", contract.ContractCode);
        Number(json, "margin_position", contract.MarginPosition);
        Number(json, "margin_frozen", contract.MarginFrozen);
        Number(json, "margin_available", contract.MarginAvailable);
        Number(json, "profit_unreal", contract.UnrealizedPnl);
        NumberOrNull(json, "liquidation_price", contract.LiquidationPrice); // quirk: null without a position
        Number(json, "lever_rate", contract.LeverRate);
        Number(json, "adjust_factor", contract.AdjustFactor);
        json.WriteString("contract_type", contract.ContractType);
        if (!contract.CrossMaxAvailableOmitted) // quirk: some futures items leave the field out
        {
            if (contract.CrossMaxAvailable is decimal crossMax)
            {
                Number(json, "cross_max_available", crossMax);
            }
            else
            {
                json.WriteString("cross_max_available", ""); // quirk: "" for no value
            }
        }

        json.WriteString("trade_partition", contract.TradePartition);
        json.WriteString("pair", contract.Pair);
        json.WriteString("business_type", contract.BusinessType);
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, decimal value) => json.WriteNumber(name, Wire.Normalize(value));

    private static void NumberOrNull(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is decimal number)
        {
            Number(json, name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static SimResponse? Authenticate(SimRequest request, SimulatorState state)
    {
        var options = state.Options;
        if (!TryParseQuery(request.RawQuery, out var parameters))
        {
            return Error(state, 403, VerificationFailure, SimulatorOutcome.BadSignature);
        }

        var key = parameters.GetValueOrDefault("AccessKeyId");
        var timestamp = parameters.GetValueOrDefault("Timestamp");
        var signature = parameters.GetValueOrDefault("Signature");
        request.Key = string.IsNullOrEmpty(key) ? null : key;
        request.SignedTimestamp = string.IsNullOrEmpty(timestamp) ? null : timestamp;

        if (string.IsNullOrEmpty(key) || !string.Equals(key, options.HtxAccessKey, StringComparison.Ordinal))
        {
            return Error(state, 403, IncorrectKey, SimulatorOutcome.AuthenticationFailed);
        }

        if (parameters.GetValueOrDefault("SignatureMethod") != "HmacSHA256"
            || parameters.GetValueOrDefault("SignatureVersion") != "2"
            || string.IsNullOrEmpty(signature)
            || string.IsNullOrEmpty(timestamp))
        {
            return Error(state, 403, VerificationFailure, SimulatorOutcome.BadSignature);
        }

        // Verified before the timestamp check so that the log says whether it held, whatever else failed.
        request.SignatureValid = VerifySignature(request, parameters, options.HtxSecretKey, signature);

        if (!DateTime.TryParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
        {
            return Error(state, 403, VerificationFailure, SimulatorOutcome.BadSignature);
        }

        request.SignedAt = new DateTimeOffset(signedAt, TimeSpan.Zero);
        if ((request.SignedAt.Value - request.ReceivedAt).Duration() > options.HtxTimestampTolerance)
        {
            return Error(state, 1253, "Timestamp is expired", SimulatorOutcome.TimestampExpired);
        }

        return request.SignatureValid == true ? null : Error(state, 403, VerificationFailure, SimulatorOutcome.BadSignature);
    }

    /// <summary>
    /// payload = METHOD + "\n" + host (lower case, no port) + "\n" + path + "\n" + every query parameter but
    /// Signature, sorted by name (ordinal), name and value percent-encoded per RFC 3986 with upper-case hex,
    /// joined with '&amp;'. The received Signature (decoded) must be Base64(HMAC-SHA256(secret, payload));
    /// compared in constant time.
    /// </summary>
    private static bool VerifySignature(SimRequest request, Dictionary<string, string> parameters, string secret, string signature)
    {
        var query = string.Join('&', parameters
            .Where(p => p.Key != "Signature")
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var payload = string.Concat(request.Method.ToUpperInvariant(), "\n", request.Host, "\n", request.Path, "\n", query);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload));
        var received = new byte[((signature.Length + 3) / 4) * 3];
        return Convert.TryFromBase64String(signature, received, out var length)
            && CryptographicOperations.FixedTimeEquals(expected, received.AsSpan(0, length));
    }

    /// <summary>The query's parameters, percent-decoded ('+' is a plus, as in RFC 3986); false when a name repeats.</summary>
    private static bool TryParseQuery(string rawQuery, out Dictionary<string, string> parameters)
    {
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(part[(equals + 1)..]);
            if (!parameters.TryAdd(name, value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryReadBody(SimRequest request, out long subUid, out string? marginAccount)
    {
        subUid = 0;
        marginAccount = null;
        if (request.BodyTooLarge || request.Body.Length == 0)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(request.Body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("sub_uid", out var uid))
            {
                return false;
            }

            var parsed = uid.ValueKind switch
            {
                JsonValueKind.Number => uid.TryGetInt64(out var number) ? number : 0,
                JsonValueKind.String => long.TryParse(uid.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var text) ? text : 0,
                _ => 0,
            };
            if (parsed <= 0)
            {
                return false;
            }

            if (root.TryGetProperty("margin_account", out var account) && account.ValueKind != JsonValueKind.Null)
            {
                if (account.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(account.GetString()))
                {
                    return false;
                }

                marginAccount = account.GetString();
            }

            subUid = parsed;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
