using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using GeneratedClients.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace GeneratedClients.Tests.Robustness;

/// <summary>
/// Every wire sample in <c>specs/*/examples</c>, damaged every way a server (or what stands in front of it)
/// can damage it, sent through the public clients. Each case ends in a documented result: a value that can be
/// read all the way down, or a typed <see cref="ExchangeApiException"/>; never another exception, never a
/// hang (each call is bounded by <see cref="HostileServer.CallBound"/>), never a NullReferenceException.
/// </summary>
public class HostileResponseTests(ITestOutputHelper output)
{
    /// <summary>
    /// The documented result of each mutation of a field of a success envelope, by the kind of the field
    /// (the schema below says which field is which kind). The reader is tolerant (issue 12): a field missing, null or
    /// (for a figure or an integer) "" has no value and never fails the rest of the answer; only corrupt data fails.
    /// <list type="bullet">
    /// <item><c>field</c>: <see cref="ExchangeResponseException"/> whose <c>FieldPath</c> is the field's path.</item>
    /// <item><c>notok</c>: a typed error that is not a response error: the envelope was read, its code is simply not success.</item>
    /// <item><c>text</c>: a value; the field reads as the token's text ("" stays "", a number its digits, true "true").</item>
    /// <item><c>exact</c>: a value; the field reads as exactly the number sent (-0 and 1e-400 read as 0).</item>
    /// <item><c>null</c>: a value; the field reads null.</item>
    /// <item><c>empty</c>: a value; the list is empty.</item>
    /// <item><c>-</c>: the mutation does not apply to this kind of value (not generated).</item>
    /// </list>
    /// Items of lists: dropped or null → a value with one entry fewer (a null entry is recorded as a deviation); a
    /// number or a string instead of an object → <c>field</c> at the item's path (<c>data[1]</c>). An unknown field
    /// added to any object, whatever its value (text, null, nested objects, a 50-digit integer) → a value that keeps
    /// it, as JSON text, in <c>AdditionalProperties</c>; a number beyond decimal's range (1e400, 1.5e30) there → an
    /// ExchangeResponseException naming it (unknown numbers are read as exact decimals; a documented limit). A key sent
    /// twice with the same value → the same value as without the duplicate.
    /// Error envelopes (Bitget code ≠ 00000, HTX status error, HTTP 4xx): every mutation → a typed error, never a
    /// value; unknown fields, duplicated keys and a time stamp of any size keep the error's category (a time stamp
    /// outside the calendar gives <c>ExchangeTime</c> null). Server-time envelopes (clock synchronisation): every
    /// mutation → the call still returns its value (a failed measurement is logged, never thrown).
    /// </summary>
    internal const string DocumentedTable = """
        kind            drop    null    empty-string  object  array   emptied  bool    number-string-swap  1e400   40-digit-integer  -0      1e-400  long.MaxValue  max-date-ms  fraction
        text            null    null    text          field   field   -        text    text                text    text              text    text    text           text         text
        code            field   field   notok         field   field   -        notok   notok               notok   notok             notok   notok   notok          notok        notok
        status          field   field   field         field   field   -        field   field               field   field             field   field   field          field        field
        integer         null    null    null          field   field   -        field   exact               field   field             exact   field   exact          exact        field
        optional-time   null    null    null          field   field   -        field   exact               field   field             exact   field   field          exact        field
        figure          null    null    null          field   field   -        field   exact               field   field             exact   exact   exact          exact        exact
        list            empty   empty   field         field   -       empty    field   -                   field   field             field   field   field          field        field
        data            field   field   field         field   -       empty    field   -                   field   field             field   field   field          field        field
        """;

    private static readonly string[] BitgetAmounts =
        ["locked", "available", "crossedMaxAvailable", "isolatedMaxAvailable", "maxTransferOut", "equity", "accountEquity", "usdtEquity", "btcEquity", "unrealizedPL", "coupon"];

    private static readonly string[] HtxContractLists = ["contract_detail", "futures_contract_detail"];

    /// <summary>The kind of every field of the success envelopes, by path pattern (indices removed).</summary>
    private static readonly Dictionary<string, string> Schema = BuildSchema();

    private static readonly Dictionary<(string Kind, string Mutation), string> Table = ParseTable();

    [Fact]
    public async Task Every_sample_mutated_field_by_field_ends_in_its_documented_result()
    {
        var run = new Tally();
        using var server = new HostileServer();
        foreach (var sample in AllSamples())
        {
            var baseline = await server.CallAsync(sample.Id, sample.Status, Encoding.UTF8.GetBytes(sample.Json));
            run.Expect(sample, null, baseline, CheckBaseline(sample, baseline));
            foreach (var body in JsonMutations.Systematic(sample.Json))
            {
                var outcome = await server.CallAsync(sample.Id, sample.Status, body.Body);
                run.Expect(sample, body, outcome, Check(sample, body, outcome, baseline));
            }
        }

        output.WriteLine("Documented results of field mutations (success envelopes):");
        output.WriteLine(DocumentedTable);
        run.Report(output, "systematic mutations (every field, item and object of every sample)");
        run.Record("systematicMutations");
        run.AssertNoViolations();
    }

    [Fact]
    public async Task Every_sample_cut_at_every_structural_point_is_a_typed_error()
    {
        // Documented: a cut 2xx body is an ExchangeResponseException; a cut Bitget 4xx error body is the typed error
        // of its HTTP status (400 BadRequest, 403 Permission, 429 RateLimited); a cut server time never fails the call.
        var run = new Tally();
        using var server = new HostileServer();
        foreach (var sample in AllSamples())
        {
            foreach (var body in JsonMutations.Truncations(sample.Json))
            {
                var outcome = await server.CallAsync(sample.Id, sample.Status, body.Body);
                string? violation = sample.Kind switch
                {
                    SampleKind.ServerTime => CleanValue(outcome),
                    _ when sample.Status is >= 200 and < 300 => outcome.Error is ExchangeResponseException ? null : "expected an ExchangeResponseException",
                    _ => outcome.Typed is { } typed && typed is not ExchangeResponseException && typed.Category == CategoryOfStatus(sample.Status)
                        ? null
                        : $"expected the typed error of HTTP {sample.Status} ({CategoryOfStatus(sample.Status)})",
                };
                run.Expect(sample, body, outcome, violation);
            }
        }

        run.Report(output, "truncations (every { } [ ] , : and quote, before and after, and inside every string)");
        run.Record("truncations");
        run.AssertNoViolations();
    }

    [Fact]
    public async Task Seeded_random_damage_ends_in_a_value_or_a_typed_error()
    {
        const int Seed = 20_240_607;
        const int PerSample = 150;
        var random = new Random(Seed);
        var run = new Tally();
        using var server = new HostileServer();
        foreach (var sample in AllSamples())
        {
            foreach (var body in JsonMutations.Random(sample.Json, random, PerSample))
            {
                var outcome = await server.CallAsync(sample.Id, sample.Status, body.Body);
                var violation = outcome.Error is null ? CleanValue(outcome) : outcome.Typed is null ? "expected a value or an ExchangeApiException" : null;
                run.Expect(sample, body, outcome, violation);
            }
        }

        run.Report(output, $"seeded random damage (seed {Seed}: byte flips, cuts, 2-4 fields at once, duplicated keys with other values, noise between tokens)");
        run.Record("randomDamage", ("seed", Seed));
        run.AssertNoViolations();
    }

    /// <summary>The samples, each with the client call its endpoint maps to.</summary>
    internal static IEnumerable<Sample> AllSamples()
    {
        foreach (var exchange in new[] { "bitget", "htx" })
        {
            foreach (var name in Samples.Names(exchange))
            {
                var json = Samples.Read(exchange, name);
                var root = JObject.Parse(json);
                var operation = name.Split('.')[0];
                var kind = operation is "getServerTime" or "getServerTimestamp" ? SampleKind.ServerTime
                    : (string?)root["code"] == "00000" || (string?)root["status"] == "ok" ? SampleKind.Success
                    : SampleKind.Error;
                yield return new Sample(exchange + "/" + name, exchange, Samples.StatusOf(name), json, kind);
            }
        }
    }

    private static ExchangeErrorCategory CategoryOfStatus(int status) => status switch
    {
        400 => ExchangeErrorCategory.BadRequest,
        401 => ExchangeErrorCategory.Authentication,
        403 => ExchangeErrorCategory.Permission,
        429 => ExchangeErrorCategory.RateLimited,
        >= 500 => ExchangeErrorCategory.ServerError,
        _ => ExchangeErrorCategory.Unknown,
    };

    private static string? CheckBaseline(Sample sample, CallOutcome outcome) => sample.Kind switch
    {
        SampleKind.Error => outcome.Typed is null ? "the unmutated error sample must be a typed error" : null,
        _ => CleanValue(outcome),
    };

    private static string? CleanValue(CallOutcome outcome) =>
        outcome.Value is null ? "expected a value" : outcome.Broken.Count > 0 ? "the value cannot be read: " + string.Join("; ", outcome.Broken) : null;

    private static string? Check(Sample sample, HostileBody body, CallOutcome outcome, CallOutcome baseline)
    {
        if (outcome.Hung || (outcome.Error is not null && outcome.Typed is null))
        {
            return "expected a documented result";
        }

        switch (sample.Kind)
        {
            case SampleKind.ServerTime:
                return CleanValue(outcome);

            case SampleKind.Error:
                if (outcome.Typed is not { } typed)
                {
                    return "an error envelope must never become a value";
                }

                var keepsCategory = (body.Family is "unknown-field" && !BeyondDecimal(body)) || body.Family is "duplicate-key"
                    || (body.Family == "field" && body.Path is "requestTime" or "ts" && body.Mutation is "-0" or "long.MaxValue" or "max-date-ms");
                if (keepsCategory && typed.Category != baseline.Typed!.Category)
                {
                    return $"expected the sample's own {baseline.Typed.Category} error";
                }

                return body.Mutation == "long.MaxValue" && body.Path is "requestTime" or "ts" && typed.ExchangeTime is not null
                    ? "expected ExchangeTime null for a time stamp outside the calendar"
                    : null;

            default:
                return CheckSuccess(body, outcome, baseline);
        }
    }

    private static bool BeyondDecimal(HostileBody body) => body.Mutation is "1e400" or "1e30";

    private static string? CheckSuccess(HostileBody body, CallOutcome outcome, CallOutcome baseline)
    {
        switch (body.Family)
        {
            case "item":
                return body.Mutation is "dropped" or "null" ? CleanValue(outcome) : ExpectFieldError(outcome, body.Path);

            case "unknown-field" when BeyondDecimal(body):
                // Documented limit: numbers are read as exact decimals, so one beyond decimal's range is a typed
                // error naming the unknown field, not a value (see the README's quirks section).
                return outcome.Typed is ExchangeResponseException { FieldPath: { } field } && field.EndsWith(JsonMutations.UnknownField, StringComparison.Ordinal)
                    ? null
                    : "expected an ExchangeResponseException naming the unknown field";

            case "unknown-field":
                if (CleanValue(outcome) is { } notValue)
                {
                    return notValue;
                }

                ResponseModelPaths.TryResolve(EnvelopeOf(outcome.Value!), body.Path, out _, out _, out var holder);
                return holder?.GetType().GetProperty("AdditionalProperties")?.GetValue(holder) is IReadOnlyDictionary<string, string> extra && extra.ContainsKey(JsonMutations.UnknownField)
                    ? null
                    : "expected the unknown field in AdditionalProperties";

            case "duplicate-key":
                return CleanValue(outcome) ?? (Serialize(outcome.Value!) == Serialize(baseline.Value!) ? null : "expected the same value as without the duplicate");

            case "field":
                break;

            default:
                return "no documented result for family " + body.Family;
        }

        var pattern = body.Pattern!;
        if (!Schema.TryGetValue(pattern, out var kind))
        {
            return $"the field {pattern} is not in the schema of HostileResponseTests: give it a kind";
        }

        if (!Table.TryGetValue((kind, body.Mutation), out var expected) || expected == "-")
        {
            return $"no documented result for {kind} × {body.Mutation}";
        }

        var path = body.Path!;
        switch (expected)
        {
            case "field":
                return ExpectFieldError(outcome, path);

            case "notok":
                return outcome.Typed is { } typed && typed is not ExchangeResponseException ? null : "expected a typed error that is not a response error";
        }

        if (CleanValue(outcome) is { } problem)
        {
            return problem;
        }

        if (!ResponseModelPaths.TryResolve(EnvelopeOf(outcome.Value!), path, out _, out var property, out var value) || property is null)
        {
            return $"expected a value with the field {path} in the model";
        }

        return expected switch
        {
            "text" => value is string text && (body.Mutation != "empty-string" || text.Length == 0) ? null : "expected the token's text",
            "null" => value is null ? null : $"expected null, read {value}",
            "empty" => value is ICollection { Count: 0 } ? null : "expected an empty list",
            "exact" => value is not null && Convert.ToDecimal(value, CultureInfo.InvariantCulture) == NumberIn(body.Raw!)
                ? null
                : $"expected exactly {NumberIn(body.Raw!)}, read {value ?? "null"}",
            _ => $"unknown documented result '{expected}'",
        };
    }

    private static string? ExpectFieldError(CallOutcome outcome, string? path) =>
        outcome.Error is ExchangeResponseException error && error.FieldPath == path ? null : $"expected ExchangeResponseException with FieldPath {path}";

    private static decimal NumberIn(string raw)
    {
        var text = raw.Trim('"');
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : 0m;
    }

    private static object EnvelopeOf(object result) => result.GetType().GetProperty("Response")!.GetValue(result)!;

    private static string Serialize(object result) => JsonConvert.SerializeObject(EnvelopeOf(result));

    private static Dictionary<string, string> BuildSchema()
    {
        var schema = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["code"] = "code",
            ["msg"] = "text",
            ["requestTime"] = "optional-time",
            ["data"] = "data",
            ["data[].userId"] = "integer",
            ["data[].assetList"] = "list",
            ["data[].assetList[].marginCoin"] = "text",
            ["status"] = "status",
            ["ts"] = "optional-time",
            ["data[].profit_real"] = "figure",
        };
        foreach (var amount in BitgetAmounts)
        {
            schema["data[].assetList[]." + amount] = "figure";
        }

        // Bitget getAccounts: the calling account's futures accounts, one per margin coin.
        schema["data[].marginCoin"] = "text";
        schema["data[].assetMode"] = "text";
        foreach (var amount in new[] { "locked", "available", "crossedMaxAvailable", "isolatedMaxAvailable", "maxTransferOut", "accountEquity", "usdtEquity", "btcEquity", "crossedRiskRate", "unrealizedPL", "coupon", "crossedUnrealizedPL", "isolatedUnrealizedPL" })
        {
            schema["data[]." + amount] = "figure";
        }

        foreach (var text in new[] { "margin_mode", "margin_account", "margin_asset", "position_mode" })
        {
            schema["data[]." + text] = "text";
        }

        foreach (var amount in new[] { "margin_balance", "margin_static", "margin_position", "margin_frozen", "profit_unreal", "withdraw_available", "risk_rate", "money_in", "money_out", "new_risk_rate" })
        {
            schema["data[]." + amount] = "figure";
        }

        foreach (var list in HtxContractLists)
        {
            schema["data[]." + list] = "list";
            foreach (var text in new[] { "symbol", "contract_code", "contract_type", "trade_partition", "pair", "business_type" })
            {
                schema[$"data[].{list}[].{text}"] = "text";
            }

            foreach (var amount in new[] { "margin_position", "margin_frozen", "margin_available", "profit_unreal", "lever_rate", "adjust_factor", "liquidation_price", "cross_max_available" })
            {
                schema[$"data[].{list}[].{amount}"] = "figure";
            }
        }

        return schema;
    }

    private static Dictionary<(string Kind, string Mutation), string> ParseTable()
    {
        var rows = DocumentedTable.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        var header = rows[0];
        var table = new Dictionary<(string, string), string>();
        foreach (var row in rows.Skip(1))
        {
            Assert.Equal(header.Length, row.Length);
            for (var column = 1; column < header.Length; column++)
            {
                table[(row[0], header[column])] = row[column];
            }
        }

        Assert.Equal(JsonMutations.ValueMutations.Select(m => m.Name).Append("drop").Order(), header.Skip(1).Order());
        return table;
    }

    internal enum SampleKind
    {
        Success,
        Error,
        ServerTime,
    }

    internal sealed record Sample(string Id, string Exchange, int Status, string Json, SampleKind Kind);

    /// <summary>Counts the cases and their outcomes, and keeps the violations.</summary>
    private sealed class Tally
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly SortedDictionary<string, int> _families = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
        private readonly List<string> _violations = [];
        private int _cases;
        private TimeSpan _slowest;

        public void Expect(Sample sample, HostileBody? body, CallOutcome outcome, string? violation)
        {
            _cases++;
            Increment(_families, body?.Family ?? "unmutated");
            Increment(_outcomes, outcome.Hung ? "hang" : outcome.Error is null ? (outcome.Broken.Count == 0 ? "value" : "value that cannot be read") : outcome.Error.GetType().Name);
            _slowest = outcome.Elapsed > _slowest ? outcome.Elapsed : _slowest;
            if (violation is not null)
            {
                _violations.Add($"{sample.Id} {body?.ToString() ?? "unmutated"}: {violation}; got {outcome.Describe()}");
            }
        }

        public void Report(ITestOutputHelper output, string what)
        {
            output.WriteLine($"{_cases} cases of {what} in {_clock.Elapsed.TotalSeconds:0.0} s (slowest call {_slowest.TotalMilliseconds:0} ms)");
            output.WriteLine("  by family: " + string.Join(", ", _families.Select(f => $"{f.Key} {f.Value}")));
            output.WriteLine("  outcomes:  " + string.Join(", ", _outcomes.Select(o => $"{o.Key} {o.Value}")));
            output.WriteLine($"  violations of the documented results: {_violations.Count}");
        }

        public void Record(string section, params (string Name, object? Value)[] extra)
        {
            var figures = new Dictionary<string, object?>
            {
                ["cases"] = _cases,
                ["families"] = _families,
                ["outcomes"] = _outcomes,
                ["violations"] = _violations.Count,
                ["seconds"] = Math.Round(_clock.Elapsed.TotalSeconds, 2),
                ["slowestCallMs"] = Math.Round(_slowest.TotalMilliseconds, 1),
            };
            foreach (var (name, value) in extra)
            {
                figures[name] = value;
            }

            RobustnessFigures.Record(section, figures);
        }

        public void AssertNoViolations()
        {
            if (_violations.Count == 0)
            {
                return;
            }

            // Grouped by what was expected, so that one library defect reads as one line with its count and examples.
            var groups = _violations
                .GroupBy(v => System.Text.RegularExpressions.Regex.Replace(v[(v.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split("; got ")[0], @"\d+", "#"))
                .OrderByDescending(g => g.Count())
                .Select(g => $"{g.Count()} × {g.Key}\n      e.g. {string.Join("\n      e.g. ", g.Take(3))}");
            Assert.Fail($"{_violations.Count} of {_cases} cases did not end in their documented result:\n  " + string.Join("\n  ", groups));
        }

        private static void Increment(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
    }
}
