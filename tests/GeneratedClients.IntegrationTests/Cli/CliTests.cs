using System.Text.Json;
using GeneratedClients.Cli;

namespace GeneratedClients.IntegrationTests.Cli;

/// <summary>The command-line tool, run in-process against the built-in simulator (no credentials) and its error paths.</summary>
public class CliTests
{
    private static readonly Dictionary<string, string?> NoCredentials = [];

    private static async Task<(int Code, string Out, string Error)> Run(Dictionary<string, string?> variables, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, name => variables.GetValueOrDefault(name), Interactive: false);
        var code = await CliApp.RunAsync(args, context);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Summary_without_credentials_runs_against_the_simulator_and_says_so_first()
    {
        var (code, output, error) = await Run(NoCredentials, "summary");

        Assert.Equal(0, code);
        Assert.StartsWith("Using the built-in exchange simulator for Bitget and HTX", output, StringComparison.Ordinal);
        Assert.Contains("Sub-account balances across exchanges", output, StringComparison.Ordinal);
        Assert.Contains("│ Bitget", output, StringComparison.Ordinal);
        Assert.Contains("│ HTX", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public async Task Bitget_assets_as_json_are_clean_data_with_the_notice_on_stderr()
    {
        var (code, output, error) = await Run(NoCredentials, "bitget", "sub-account-assets", "--product-type", "USDT-FUTURES", "--output", "json");

        Assert.Equal(0, code);
        Assert.StartsWith("Using the built-in exchange simulator for Bitget", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, row =>
        {
            Assert.Equal(JsonValueKind.Number, row.GetProperty("subAccount").ValueKind);
            Assert.Equal("USDT", row.GetProperty("coin").GetString());
            Assert.Equal(JsonValueKind.Number, row.GetProperty("equity").ValueKind);
        });
    }

    [Fact]
    public async Task Bitget_account_assets_print_the_main_accounts_futures_accounts_from_the_simulator()
    {
        var (code, output, error) = await Run(NoCredentials, "bitget", "account-assets", "--product-type", "COIN-FUTURES", "-o", "json");

        Assert.Equal(0, code);
        Assert.StartsWith("Using the built-in exchange simulator for Bitget", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["BTC", "ETH"], rows.Select(r => r.GetProperty("coin").GetString()));
        Assert.All(rows, row =>
        {
            Assert.Equal(GeneratedClients.Simulator.SimulatorOptions.DefaultBitgetMainUserId, row.GetProperty("account").GetInt64());
            Assert.Equal(JsonValueKind.Number, row.GetProperty("equity").ValueKind);
        });
    }

    [Fact]
    public async Task Summary_rows_include_the_bitget_main_account_marked_as_main()
    {
        var (code, output, _) = await Run(NoCredentials, "summary", "-u", "10000001", "-o", "json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToArray();
        var main = Assert.Single(rows, r => r.GetProperty("mainAccount").GetBoolean());
        Assert.Equal("Bitget", main.GetProperty("exchange").GetString());
        Assert.Equal(GeneratedClients.Simulator.SimulatorOptions.DefaultBitgetMainUserId.ToString(System.Globalization.CultureInfo.InvariantCulture), main.GetProperty("subAccount").GetString());
        Assert.Contains(rows, r => r.GetProperty("exchange").GetString() == "HTX" && !r.GetProperty("mainAccount").GetBoolean());
    }

    [Fact]
    public async Task Htx_info_as_csv_has_a_header_and_one_row_per_sub_account()
    {
        var (code, output, _) = await Run(NoCredentials, "htx", "sub-account-info", "--sub-uid", "10000001", "--sub-uid", "10000002", "--margin-account", "USDT", "-o", "csv");

        Assert.Equal(0, code);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("Source,Sub account,Margin account,Equity,Available,Frozen,Position margin,Unrealized PnL,Risk rate,Contracts", lines[0]);
        Assert.Equal(["10000001", "10000002"], lines.Skip(1).Select(l => l.Split(',')[1]));
        Assert.All(lines.Skip(1), l => Assert.True(decimal.TryParse(l.Split(',')[3], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _)));
    }

    [Fact]
    public async Task A_failing_sub_account_is_reported_on_one_line_and_the_rest_still_printed()
    {
        var (code, output, error) = await Run(NoCredentials, "htx", "sub-account-info", "-u", "10000003", "-u", "42", "-o", "csv");

        Assert.Equal(5, code); // partial: rows kept, the failure named
        Assert.Contains("simulator,10000003,USDT", output, StringComparison.Ordinal);
        var failure = Assert.Single(error.Split('\n'), l => l.Contains("42", StringComparison.Ordinal) && l.StartsWith("HTX sub-account", StringComparison.Ordinal));
        Assert.Contains("[code 1010]", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bitget", "sub-account-assets", "--product-type", "SPOT")]
    [InlineData("htx", "sub-account-info", "--live")]
    [InlineData("summary", "--live", "--simulator")]
    [InlineData("summary", "--totals", "--no-totals")]
    [InlineData("htx", "sub-account-info", "--sub-uid", "-5")]
    [InlineData("summary", "--output", "xml")]
    [InlineData("no-such-command")]
    public async Task Usage_errors_exit_with_2_and_say_what_is_wrong(params string[] args)
    {
        var (code, _, error) = await Run(NoCredentials, args);

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_without_credentials_fails_clearly()
    {
        var (code, output, error) = await Run(NoCredentials, "bitget", "sub-account-assets", "--live");

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("--live needs Bitget credentials: set BITGET_API_KEY, BITGET_API_SECRET, BITGET_API_PASSPHRASE", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incomplete_credentials_name_what_is_missing()
    {
        var (code, _, error) = await Run(new() { ["BITGET_API_KEY"] = "k", ["BITGET_API_SECRET"] = "s" }, "bitget", "sub-account-assets");

        Assert.Equal(2, code);
        Assert.Contains("BITGET_API_PASSPHRASE not set", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_against_a_real_endpoint_are_an_exchange_error_on_one_line()
    {
        await using var simulator = await GeneratedClients.Simulator.SimulatorHost.StartAsync();
        var variables = new Dictionary<string, string?>
        {
            ["BITGET_API_KEY"] = simulator.Options.BitgetApiKey,
            ["BITGET_API_SECRET"] = "not-the-secret",
            ["BITGET_API_PASSPHRASE"] = simulator.Options.BitgetPassphrase,
        };

        // The live path with a base address override is the simulator's: point the tool at it through the environment.
        var (code, output, error) = await RunAgainst(simulator.BaseAddress, variables, "bitget", "sub-account-assets");

        Assert.Equal(3, code);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains("Bitget [code 40009]", line, StringComparison.Ordinal);
        Assert.Contains("check the API key, secret and passphrase", line, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Network_errors_exit_with_4()
    {
        var variables = new Dictionary<string, string?> { ["HTX_ACCESS_KEY"] = "k", ["HTX_SECRET_KEY"] = "s" };

        var (code, _, error) = await RunAgainst(new Uri("http://127.0.0.1:1/"), variables, "htx", "sub-account-info", "-u", "1", "--verbose");

        Assert.Equal(4, code);
        Assert.Contains("(Network)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_category_has_its_own_hint_and_an_unreachable_rate_limiter_exits_with_4()
    {
        const string UnclassifiedHint = "see the exchange's error code list";
        foreach (var category in Enum.GetValues<ExchangeErrorCategory>().Where(c => c != ExchangeErrorCategory.Unknown))
        {
            var line = CliApp.Describe(new ExchangeApiException(new ExchangeErrorDetails { Exchange = "HTX", Category = category }));

            Assert.DoesNotContain(UnclassifiedHint, line, StringComparison.Ordinal);
        }

        var unavailable = new ExchangeApiException(new ExchangeErrorDetails { Exchange = "HTX", Category = ExchangeErrorCategory.RateLimiterUnavailable });
        Assert.Contains("(RateLimiterUnavailable) - the shared rate limiter (Redis) did not answer", CliApp.Describe(unavailable), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NetworkError, ExitCodes.For(unavailable));
    }

    private static Task<(int Code, string Out, string Error)> RunAgainst(Uri baseAddress, Dictionary<string, string?> variables, params string[] args)
    {
        variables["GENERATEDCLIENTS_BASE_ADDRESS"] = baseAddress.ToString();
        return Run(variables, args);
    }
}
