using System.Globalization;
using System.Text.Json;
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
        Assert.Contains("clock", output, StringComparison.Ordinal);
        Assert.EndsWith("All checks passed.\n", output, StringComparison.Ordinal);
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
