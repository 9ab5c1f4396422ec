using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using GeneratedClients.IntegrationTests.Support;
using GeneratedClients.Simulator;

namespace GeneratedClients.IntegrationTests.Cli;

/// <summary>
/// The tool as a treasury desk runs it, through its own process: every row says where its numbers come from, live and
/// simulated numbers never mix, sub-account lists come from a file or configuration, totals are exact, a partial
/// answer says so in its exit code, and <c>check</c> tells what works before the first run.
/// </summary>
public sealed class CliDeskTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("generated-clients-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static JsonElement[] Json(string output)
    {
        using var json = JsonDocument.Parse(output);
        return [.. json.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static string[][] Csv(string output) => [.. output.TrimEnd('\n').Split('\n').Select(line => line.Split(','))];

    /// <summary>Live credentials of <paramref name="host"/>'s Bitget key (optionally a wrong secret), sent to it through the base-address override.</summary>
    private static Dictionary<string, string> BitgetLive(SimulatorHost host, string? secret = null) => new()
    {
        ["BITGET_API_KEY"] = host.Options.BitgetApiKey,
        ["BITGET_API_SECRET"] = secret ?? host.Options.BitgetApiSecret,
        ["BITGET_API_PASSPHRASE"] = host.Options.BitgetPassphrase,
        ["GENERATEDCLIENTS_BASE_ADDRESS"] = host.BaseAddress.ToString(),
    };

    /// <summary>Live credentials of <paramref name="host"/>'s HTX key, sent to it through the base-address override.</summary>
    private static Dictionary<string, string> HtxLive(SimulatorHost host) => new()
    {
        ["HTX_ACCESS_KEY"] = host.Options.HtxAccessKey,
        ["HTX_SECRET_KEY"] = host.Options.HtxSecretKey,
        ["GENERATEDCLIENTS_BASE_ADDRESS"] = host.BaseAddress.ToString(),
    };

    /// <summary>Both exchanges live against <paramref name="host"/>.</summary>
    private static Dictionary<string, string> BothLive(SimulatorHost host)
    {
        var environment = BitgetLive(host);
        foreach (var (name, value) in HtxLive(host))
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>One exchange's block of <c>check</c>'s output: from its heading to the next exchange's heading (or the end).</summary>
    private static string Block(string output, string heading)
    {
        var start = output.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no '{heading}' in:\n{output}");
        var next = output.IndexOf(heading.StartsWith("Bitget", StringComparison.Ordinal) ? "\nHTX (" : "\nAll checks", start, StringComparison.Ordinal);
        var end = next >= 0 ? next : output.IndexOf(" exchanges failed the check.", start, StringComparison.Ordinal);
        return output[start..(end >= 0 ? end : output.Length)];
    }

    [Fact]
    public async Task Without_credentials_every_csv_row_says_simulator_and_the_notice_is_on_stderr()
    {
        var (code, output, error) = await CliProcess.RunAsync(null, _directory, "summary", "-o", "csv");

        Assert.Equal(0, code);
        var rows = Csv(output);
        Assert.Equal(["Record", "Source", "Exchange", "Sub account", "Main account", "Coin", "Equity", "Available", "Locked", "Unrealized PnL", "USDT equity"], rows[0]);
        Assert.True(rows.Length > 20);
        Assert.All(rows.Skip(1), row => Assert.Equal("simulator", row[1]));
        Assert.Contains(rows, row => row[2] == "Bitget");
        Assert.Contains(rows, row => row[2] == "HTX");
        Assert.Contains("its numbers are not real balances", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_rows_carry_their_source()
    {
        var (code, output, _) = await CliProcess.RunAsync(null, _directory, "bitget", "sub-account-assets", "-o", "json");

        Assert.Equal(0, code);
        Assert.All(Json(output), row => Assert.Equal("simulator", row.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task With_one_exchanges_credentials_only_the_other_is_left_out_not_simulated()
    {
        await using var host = await Sim.StartAsync();

        var (code, output, error) = await CliProcess.RunAsync(BitgetLive(host), _directory, "summary", "-o", "json");

        Assert.Equal(5, code); // partial: HTX is missing
        var rows = Json(output);
        Assert.NotEmpty(rows);
        Assert.All(rows, row =>
        {
            Assert.Equal("live", row.GetProperty("source").GetString());
            Assert.Equal("Bitget", row.GetProperty("exchange").GetString());
        });
        Assert.Contains("HTX left out: HTX_ACCESS_KEY, HTX_SECRET_KEY not set", error, StringComparison.Ordinal);
        Assert.DoesNotContain("simulator", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_simulator_the_demo_runs_whatever_credentials_are_set()
    {
        await using var host = await Sim.StartAsync();

        var (code, output, _) = await CliProcess.RunAsync(BitgetLive(host), _directory, "summary", "--simulator", "-o", "json");

        Assert.Equal(0, code);
        var rows = Json(output);
        Assert.All(rows, row => Assert.Equal("simulator", row.GetProperty("source").GetString()));
        Assert.Contains(rows, row => row.GetProperty("exchange").GetString() == "HTX");
        Assert.Empty(host.Statistics.Requests); // the live exchange was not called
    }

    [Fact]
    public async Task Sub_account_uids_come_from_a_file_with_comments()
    {
        var file = Path.Combine(_directory, "uids.txt");
        await File.WriteAllLinesAsync(file, ["# treasury sub-accounts", "10000005", "", "10000007   # the hedge book", "10000005"]);

        var (code, output, _) = await CliProcess.RunAsync(null, _directory, "htx", "sub-account-info", "--sub-uids-file", file, "-o", "csv");

        Assert.Equal(0, code);
        Assert.Equal(["10000005", "10000007"], Csv(output).Skip(1).Select(row => row[1]).Distinct());
    }

    [Fact]
    public async Task Sub_account_uids_come_from_appsettings_json()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "appsettings.json"), """{ "Htx": { "SubUids": "10000011, 10000012" } }""");

        var (code, output, error) = await CliProcess.RunAsync(null, _directory, "htx", "sub-account-info", "-o", "csv");

        Assert.Equal(0, code);
        Assert.Equal(["10000011", "10000012"], Csv(output).Skip(1).Select(row => row[1]).Distinct());
        Assert.Contains("2 sub-account(s) from Htx:SubUids", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTX_SUB_UIDS")]
    [InlineData("Htx__SubUids")]
    public async Task Sub_account_uids_come_from_the_environment(string variable)
    {
        var (code, output, _) = await CliProcess.RunAsync(new Dictionary<string, string> { [variable] = "10000021,10000022,10000023" }, _directory, "htx", "sub-account-info", "-o", "csv");

        Assert.Equal(0, code);
        Assert.Equal(["10000021", "10000022", "10000023"], Csv(output).Skip(1).Select(row => row[1]).Distinct());
    }

    [Fact]
    public async Task A_malformed_uid_is_a_usage_error_naming_its_line_before_any_request()
    {
        var file = Path.Combine(_directory, "uids.txt");
        await File.WriteAllLinesAsync(file, ["10000005", "# ok so far", "1000000x"]);

        var (code, output, error) = await CliProcess.RunAsync(null, _directory, "summary", "--sub-uids-file", file);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"--sub-uids-file {file} line 3: \"1000000x\" is not a sub-account UID", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Totals_are_the_exact_decimal_sums_of_the_rows_per_exchange_and_coin()
    {
        var (code, output, _) = await CliProcess.RunAsync(null, _directory, "summary", "--product-type", "COIN-FUTURES", "-o", "json", "--totals");

        Assert.Equal(0, code);
        var records = Json(output);
        var balances = records.Where(r => r.GetProperty("record").GetString() == "balance").ToList();
        var totals = records.Where(r => r.GetProperty("record").GetString() == "total").ToList();
        Assert.Equal(balances.Select(Group).Distinct().Order(), totals.Select(Group).Order());
        foreach (var total in totals)
        {
            var group = balances.Where(b => Group(b) == Group(total)).ToList();
            foreach (var figure in new[] { "equity", "available", "locked", "unrealizedPnl" })
            {
                Assert.Equal(group.Sum(b => b.GetProperty(figure).GetDecimal()), total.GetProperty(figure).GetDecimal());
            }
        }

        // Amounts with 8 decimals summed over many accounts stay exact: no double on the way.
        Assert.Contains(totals, t => t.GetProperty("equity").GetDecimal().Scale >= 8);

        static string Group(JsonElement e) => e.GetProperty("exchange").GetString() + "/" + e.GetProperty("coin").GetString();
    }

    [Fact]
    public async Task The_table_shows_totals_by_default()
    {
        var (code, output, _) = await CliProcess.RunAsync(null, _directory, "summary");

        Assert.Equal(0, code);
        Assert.Contains("Totals per exchange and coin", output, StringComparison.Ordinal);
        Assert.Contains("│ simulator", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_failure_keeps_the_rows_and_exits_with_the_partial_code()
    {
        var (code, output, error) = await CliProcess.RunAsync(null, _directory, "htx", "sub-account-info", "-u", "10000003", "-u", "42", "-o", "csv");

        Assert.Equal(5, code);
        Assert.Contains(Csv(output), row => row[1] == "10000003");
        var failure = Assert.Single(error.Split('\n'), line => line.StartsWith("HTX sub-account 42:", StringComparison.Ordinal));
        Assert.Contains("[code 1010]", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_ends_with_the_calls_summary()
    {
        var (code, _, error) = await CliProcess.RunAsync(null, _directory, "htx", "sub-account-info", "-u", "10000001", "-u", "10000002", "-u", "42", "-o", "csv", "--verbose");

        Assert.Equal(5, code);
        var last = error.TrimEnd('\n').Split('\n')[^1];
        Assert.StartsWith("calls: 3 (2 success, 1 account_not_found); retries: 0; rate-limiter wait: ", last, StringComparison.Ordinal);
        Assert.EndsWith("over 3 attempt(s)", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_passes_against_the_simulator()
    {
        var (code, output, _) = await CliProcess.RunAsync(null, _directory, "check");

        Assert.Equal(0, code);
        Assert.Contains("Bitget (simulator) at http://127.0.0.1:", output, StringComparison.Ordinal);
        Assert.Contains("HTX (simulator) at http://127.0.0.1:", output, StringComparison.Ordinal);
        Assert.Equal(2, output.Split('\n').Count(line => line.Trim() == "result       OK"));
        // The offset each exchange's clock measured: a signed figure with its unit, once per exchange.
        Assert.Equal(2, Regex.Count(output, @"^  clock        [+-]\d+ ms: (Bitget|HTX)'s clock minus this machine's", RegexOptions.Multiline));
        Assert.DoesNotContain("not measured", output, StringComparison.Ordinal);
        Assert.EndsWith("All checks passed.\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_says_the_clock_was_not_measured_when_the_server_time_fails_and_fails()
    {
        await using var host = await Sim.StartAsync();
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.ServerError, SimulatorEndpoint.BitgetServerTime, Count: 5));

        var (code, output, _) = await CliProcess.RunAsync(BothLive(host), _directory, "check", "--sub-uid", host.Accounts.HtxSubAccountUids[0].ToString(CultureInfo.InvariantCulture));

        Assert.Equal(3, code);
        var bitget = Block(output, "Bitget (live)");
        Assert.Contains("signature    accepted", bitget, StringComparison.Ordinal); // the signed read itself worked
        Assert.Contains("clock        not measured: the server-time request failed (ServerError", bitget, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"clock        [+-]\d+ ms", bitget);
        Assert.Contains("result       FAILED", bitget, StringComparison.Ordinal);
        var htx = Block(output, "HTX (live)");
        Assert.Matches(@"clock        [+-]\d+ ms", htx);
        Assert.Contains("result       OK", htx, StringComparison.Ordinal);
        Assert.Contains("1 of 2 exchanges failed the check.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_names_the_permission_each_exchange_wants_when_the_key_lacks_it()
    {
        await using var host = await Sim.StartAsync();
        // Bitget's refusal of a key without the permission, on HTTP 403 as the spec says (specs/bitget/examples/getAccounts.403.json);
        // for HTX, an HTTP 403.
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.ExchangeError, SimulatorEndpoint.BitgetAccounts) { ErrorCode = "40014", ErrorMessage = "Incorrect permissions", StatusCode = 403 });
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.HtmlErrorPage, SimulatorEndpoint.HtxCrossSubAccountInfo) { StatusCode = 403 });

        var (code, output, _) = await CliProcess.RunAsync(BothLive(host), _directory, "check", "--sub-uid", host.Accounts.HtxSubAccountUids[0].ToString(CultureInfo.InvariantCulture));

        Assert.Equal(3, code);
        var bitget = Block(output, "Bitget (live)");
        Assert.Contains("permission   missing: futures (contract) read (needed by GET /api/v2/mix/account/accounts", bitget, StringComparison.Ordinal);
        Assert.Contains("Bitget [code 40014]: Incorrect permissions (Permission) - check the key's permissions and IP allow-list.", bitget, StringComparison.Ordinal);
        Assert.Contains("result       FAILED", bitget, StringComparison.Ordinal);
        var htx = Block(output, "HTX (live)");
        Assert.Contains("permission   missing: Read (USDT-margined swap API) (needed by POST /linear-swap-api/v1/swap_cross_sub_account_info", htx, StringComparison.Ordinal);
        Assert.Contains("HTTP 403", htx, StringComparison.Ordinal);
        Assert.Contains("result       FAILED", htx, StringComparison.Ordinal);
        Assert.Contains("2 of 2 exchanges failed the check.", output, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Options.BitgetApiSecret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Options.HtxSecretKey, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_is_partial_when_bitget_answered_though_every_htx_sub_account_failed()
    {
        var (code, output, error) = await CliProcess.RunAsync(null, _directory, "summary", "-u", "42", "-u", "43", "-o", "csv");

        Assert.Equal(5, code); // partial: Bitget's rows are printed
        var rows = Csv(output).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal("Bitget", row[2]));
        Assert.Contains(error.Split('\n'), line => line.StartsWith("HTX sub-account 42:", StringComparison.Ordinal));
        Assert.Contains(error.Split('\n'), line => line.StartsWith("HTX sub-account 43:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_sub_account_failing_with_nothing_else_asked_for_is_an_exchange_error()
    {
        var (code, output, error) = await CliProcess.RunAsync(null, _directory, "htx", "sub-account-info", "-u", "42", "-u", "43", "-o", "csv");

        Assert.Equal(3, code);
        Assert.Single(Csv(output)); // the header only
        Assert.Contains("[code 1010]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_htx_only_without_sub_account_uids_is_a_configuration_error_before_any_request()
    {
        await using var host = await Sim.StartAsync();

        var (code, output, error) = await CliProcess.RunAsync(HtxLive(host), _directory, "summary");

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: No HTX sub-account UIDs, and Bitget is left out", error, StringComparison.Ordinal);
        Assert.Contains("Give --sub-uid, --sub-uids-file, or set Htx:SubUids / HTX_SUB_UIDS", error, StringComparison.Ordinal);
        Assert.Empty(host.Statistics.Requests);
    }

    [Fact]
    public async Task With_both_exchanges_live_and_no_uids_bitget_rows_are_printed_and_htx_is_left_out()
    {
        await using var host = await Sim.StartAsync();

        var (code, output, error) = await CliProcess.RunAsync(BothLive(host), _directory, "summary", "-o", "csv");

        Assert.Equal(5, code);
        Assert.All(Csv(output).Skip(1), row => Assert.Equal(["live", "Bitget"], row[1..3]));
        Assert.Contains("HTX left out: no sub-account UIDs (give --sub-uid", error, StringComparison.Ordinal);
        Assert.Empty(host.Statistics.RequestsTo(SimulatorEndpoint.HtxCrossSubAccountInfo));
    }

    [Fact]
    public async Task With_htx_credentials_only_bitget_is_left_out_and_nothing_is_simulated()
    {
        await using var host = await Sim.StartAsync();
        var uids = host.Accounts.HtxSubAccountUids.Take(3).Select(uid => uid.ToString(CultureInfo.InvariantCulture)).ToArray();

        var (code, output, error) = await CliProcess.RunAsync(HtxLive(host), _directory, ["summary", "-o", "csv", .. uids.SelectMany(uid => new[] { "-u", uid })]);

        Assert.Equal(5, code); // partial: Bitget is missing
        var rows = Csv(output).Skip(1).Where(row => row[0] == "balance").ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal(["live", "HTX"], row[1..3]));
        Assert.Equal(uids, rows.Select(row => row[3]).Distinct());
        Assert.DoesNotContain("simulator", output, StringComparison.Ordinal);
        Assert.Contains("Bitget left out: BITGET_API_KEY, BITGET_API_SECRET, BITGET_API_PASSPHRASE not set", error, StringComparison.Ordinal);
        Assert.Empty(host.Statistics.RequestsTo(SimulatorEndpoint.BitgetAccounts));
        Assert.Empty(host.Statistics.RequestsTo(SimulatorEndpoint.BitgetSubAccountAssets));
    }

    [Fact]
    public async Task Sub_account_uids_come_from_user_secrets()
    {
        var home = Directory.CreateDirectory(Path.Combine(_directory, "home")).FullName;
        var secrets = Directory.CreateDirectory(Path.Combine(home, ".microsoft", "usersecrets", "generated-clients-cli")).FullName;
        await File.WriteAllTextAsync(Path.Combine(secrets, "secrets.json"), """{ "Htx:SubUids": "10000031,10000032" }""");

        var (code, output, error) = await CliProcess.RunAsync(new Dictionary<string, string> { ["HOME"] = home }, _directory, "htx", "sub-account-info", "-o", "csv");

        Assert.Equal(0, code);
        Assert.Equal(["10000031", "10000032"], Csv(output).Skip(1).Select(row => row[1]).Distinct());
        Assert.Contains("2 sub-account(s) from Htx:SubUids", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirected_sweep_draws_no_progress_bar()
    {
        // A terminal type that would make a detecting console use escape sequences, had the tool thought it had a terminal.
        var environment = new Dictionary<string, string> { ["TERM"] = "xterm-256color", ["COLORTERM"] = "truecolor" };

        var (code, output, error) = await CliProcess.RunAsync(environment, _directory, ["htx", "sub-account-info", .. Enumerable.Range(10_000_001, 12).SelectMany(uid => new[] { "-u", uid.ToString(CultureInfo.InvariantCulture) })]);

        Assert.Equal(0, code);
        Assert.Contains("HTX cross-margin sub-account assets", output, StringComparison.Ordinal);
        Assert.Contains(" 10000012 │", output, StringComparison.Ordinal); // the table holds the whole sweep
        foreach (var stream in new[] { output, error })
        {
            Assert.DoesNotContain('\u001b', stream); // no ANSI escape sequence (colour, cursor moves)
            Assert.DoesNotContain('\r', stream);     // no carriage-return redraws
            Assert.DoesNotContain("HTX sub-accounts", stream, StringComparison.Ordinal); // the progress task's label
        }
    }

    [Fact]
    public async Task No_totals_leaves_the_totals_out_of_the_table()
    {
        var (code, output, _) = await CliProcess.RunAsync(null, _directory, "summary", "--no-totals");

        Assert.Equal(0, code);
        Assert.Contains("Sub-account balances across exchanges", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Totals per exchange and coin", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Totals_in_csv_are_records_and_the_usdt_equity_total_is_the_exact_sum()
    {
        var (code, output, _) = await CliProcess.RunAsync(null, _directory, "summary", "--totals", "-o", "csv");

        Assert.Equal(0, code);
        var rows = Csv(output);
        var header = rows[0].ToList();
        int Column(string name) => header.IndexOf(name);
        var balances = rows.Skip(1).Where(r => r[0] == "balance").ToList();
        var totals = rows.Skip(1).Where(r => r[0] == "total").ToList();
        Assert.NotEmpty(totals);
        Assert.Equal(balances.Select(Group).Distinct().Order(), totals.Select(Group).Order());
        foreach (var total in totals)
        {
            var group = balances.Where(b => Group(b) == Group(total)).ToList();
            Assert.Empty(total[Column("Sub account")]); // a total names no account
            foreach (var figure in new[] { "Equity", "USDT equity" })
            {
                var cells = group.Select(b => b[Column(figure)]).ToList();
                if (cells.Any(cell => cell.Length == 0))
                {
                    Assert.Empty(total[Column(figure)]); // a partial sum would read as a total
                }
                else
                {
                    Assert.Equal(cells.Sum(cell => decimal.Parse(cell, NumberStyles.Number, CultureInfo.InvariantCulture)), decimal.Parse(total[Column(figure)], NumberStyles.Number, CultureInfo.InvariantCulture));
                }
            }
        }

        Assert.Contains(totals, t => t[Column("USDT equity")].Length > 0 && Group(t).StartsWith("HTX/", StringComparison.Ordinal));
        Assert.Contains(totals, t => t[Column("USDT equity")].Length > 0 && Group(t).StartsWith("Bitget/", StringComparison.Ordinal));

        string Group(string[] row) => row[Column("Exchange")] + "/" + row[Column("Coin")];
    }

    [Fact]
    public async Task Verbose_help_says_it_ends_with_the_calls_summary()
    {
        var (code, output, _) = await CliProcess.RunAsync(null, _directory, "--help");

        Assert.Equal(0, code);
        var line = Assert.Single(output.Split('\n'), l => l.TrimStart().StartsWith("-v, --verbose", StringComparison.Ordinal));
        Assert.Contains("summary of the calls made", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_fails_with_a_wrong_secret_and_names_the_cause()
    {
        await using var host = await Sim.StartAsync();
        var environment = BitgetLive(host, secret: "not-the-secret");
        environment["HTX_ACCESS_KEY"] = host.Options.HtxAccessKey;
        environment["HTX_SECRET_KEY"] = host.Options.HtxSecretKey;

        var (code, output, _) = await CliProcess.RunAsync(environment, _directory, "check", "--sub-uid", host.Accounts.HtxSubAccountUids[0].ToString(CultureInfo.InvariantCulture));

        Assert.Equal(3, code);
        var bitget = output[output.IndexOf("Bitget (live)", StringComparison.Ordinal)..output.IndexOf("HTX (live)", StringComparison.Ordinal)];
        Assert.Contains("signature    refused", bitget, StringComparison.Ordinal);
        Assert.Contains("[code 40009]", bitget, StringComparison.Ordinal);
        Assert.Contains("check the API key, secret and passphrase", bitget, StringComparison.Ordinal);
        Assert.Contains("result       FAILED", bitget, StringComparison.Ordinal);
        Assert.Contains("result       OK", output[output.IndexOf("HTX (live)", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", output, StringComparison.Ordinal);
        Assert.Contains("1 of 2 exchanges failed the check.", output, StringComparison.Ordinal);
    }
}
