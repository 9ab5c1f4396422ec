using System.CommandLine;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using Spectre.Console;

namespace GeneratedClients.Cli;

/// <summary>Where the tool reads and writes: the process's console, or a test's writers.</summary>
/// <param name="Out">Results (table, JSON, CSV).</param>
/// <param name="Error">Notices, progress and errors.</param>
/// <param name="Variable">Reads a setting (environment variable or user-secret) by name.</param>
/// <param name="Interactive">Whether a person watches (progress bars are drawn only then).</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, Func<string, string?> Variable, bool Interactive);

/// <summary>
/// The command-line tool: <c>bitget sub-account-assets</c>, <c>bitget account-assets</c>, <c>htx sub-account-info</c> and <c>summary</c>,
/// against the real exchanges with credentials or the built-in simulator without.
/// </summary>
internal static class CliApp
{
    private static readonly string[] ProductTypes = ["USDT-FUTURES", "COIN-FUTURES", "USDC-FUTURES", "SUSDT-FUTURES", "SCOIN-FUTURES", "SUSDC-FUTURES"];

    /// <summary>How many simulated HTX sub-accounts <c>summary</c> sweeps when no --sub-uid is given.</summary>
    private const int SimulatedSummaryUids = 20;

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var output = new Option<OutputFormat>("--output", "-o") { Description = "table (default), json or csv", Recursive = true, DefaultValueFactory = _ => OutputFormat.Table };
        var live = new Option<bool>("--live") { Description = "Insist on the real exchange; fail when credentials are missing", Recursive = true };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show stack traces of errors", Recursive = true };
        var productType = new Option<string>("--product-type", "-p") { Description = "Bitget product type", DefaultValueFactory = _ => "USDT-FUTURES" };
        productType.AcceptOnlyFromAmong(ProductTypes);
        var subUid = new Option<long[]>("--sub-uid", "-u") { Description = "HTX sub-account UID (repeat for several)", AllowMultipleArgumentsPerToken = true };
        subUid.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long[]>()?.Any(uid => uid <= 0) == true)
            {
                result.AddError("--sub-uid must be positive.");
            }
        });
        var marginAccount = new Option<string?>("--margin-account", "-m") { Description = "HTX margin account, e.g. USDT (all when left out)" };

        var bitgetAssets = new Command("sub-account-assets", "Futures assets of every Bitget sub-account") { productType };
        var bitgetAccounts = new Command("account-assets", "Futures accounts of the Bitget main account (the API key's owner), one per margin coin") { productType };
        var bitget = new Command("bitget", "Bitget futures account") { bitgetAssets, bitgetAccounts };
        var htxRequiredUid = new Option<long[]>("--sub-uid", "-u") { Description = "HTX sub-account UID (repeat for several)", AllowMultipleArgumentsPerToken = true, Required = true };
        htxRequiredUid.Validators.AddRange(subUid.Validators);
        var htxInfo = new Command("sub-account-info", "Cross-margin assets of HTX sub-accounts") { htxRequiredUid, marginAccount };
        var htx = new Command("htx", "HTX USDT-margined swap account") { htxInfo };
        var summary = new Command("summary", "Every sub-account's balances on both exchanges in one table") { productType, subUid, marginAccount };
        var root = new RootCommand("GeneratedClients: sub-account balances from Bitget and HTX (the built-in simulator when no credentials are set)")
        {
            output, live, verbose, bitget, htx, summary,
        };

        bitgetAssets.SetAction((parse, token) => Execute(context, parse.GetValue(verbose), async token =>
        {
            await using var session = await Open(context, parse.GetValue(live), needsBitget: true, needsHtx: false, parse.GetValue(output), token).ConfigureAwait(false);
            var result = await session.Bitget!.GetSubAccountAssetsAsync(ParseProductType(parse.GetValue(productType)!), token).ConfigureAwait(false);
            Write(context, parse.GetValue(output), Tables.Bitget(result));
            return ExitCodes.Success;
        }, token));

        bitgetAccounts.SetAction((parse, token) => Execute(context, parse.GetValue(verbose), async token =>
        {
            await using var session = await Open(context, parse.GetValue(live), needsBitget: true, needsHtx: false, parse.GetValue(output), token).ConfigureAwait(false);
            var result = await session.Bitget!.GetAccountsAsync(ParseProductType(parse.GetValue(productType)!), token).ConfigureAwait(false);
            Write(context, parse.GetValue(output), Tables.BitgetAccounts(result, session.BitgetMainUserId));
            return ExitCodes.Success;
        }, token));

        htxInfo.SetAction((parse, token) => Execute(context, parse.GetValue(verbose), async token =>
        {
            await using var session = await Open(context, parse.GetValue(live), needsBitget: false, needsHtx: true, parse.GetValue(output), token).ConfigureAwait(false);
            var outcomes = await Sweep(context, session.Htx!, parse.GetValue(htxRequiredUid)!, parse.GetValue(marginAccount), parse.GetValue(output), token).ConfigureAwait(false);
            Write(context, parse.GetValue(output), Tables.Htx(outcomes));
            return ReportFailures(context, outcomes);
        }, token));

        summary.SetAction((parse, token) => Execute(context, parse.GetValue(verbose), async token =>
        {
            var format = parse.GetValue(output);
            await using var session = await Open(context, parse.GetValue(live), needsBitget: true, needsHtx: true, format, token).ConfigureAwait(false);
            var uids = parse.GetValue(subUid) is { Length: > 0 } given ? given : session.HtxSimulated ? [.. session.SimulatedHtxUids.Take(SimulatedSummaryUids)] : [];
            var bitgetProductType = ParseProductType(parse.GetValue(productType)!);
            var bitgetMain = await session.Bitget!.GetAccountsAsync(bitgetProductType, token).ConfigureAwait(false);
            var bitgetResult = await session.Bitget.GetSubAccountAssetsAsync(bitgetProductType, token).ConfigureAwait(false);
            IReadOnlyList<HtxSubAccountOutcome> outcomes = [];
            if (uids.Length == 0)
            {
                context.Error.WriteLine("HTX: no --sub-uid given; HTX answers one sub-account per call, so only Bitget is shown.");
            }
            else
            {
                outcomes = await Sweep(context, session.Htx!, uids, parse.GetValue(marginAccount), format, token).ConfigureAwait(false);
            }

            Write(context, format, Tables.Summary([.. SubAccountBalance.From(bitgetMain, session.BitgetMainUserId), .. SubAccountBalance.From(bitgetResult), .. SubAccountBalance.From(outcomes)]));
            return ReportFailures(context, outcomes);
        }, token));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                context.Error.WriteLine("error: " + error.Message);
            }

            context.Error.WriteLine("Try --help.");
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ExchangeSession> Open(CliContext context, bool live, bool needsBitget, bool needsHtx, OutputFormat format, CancellationToken token)
    {
        // The notice is the first line: on stdout for a table, on stderr for JSON/CSV so scripts get clean data.
        var notices = format == OutputFormat.Table ? context.Out : context.Error;
        return await ExchangeSession.OpenAsync(needsBitget, needsHtx, live, context.Variable, notices.WriteLine, token).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<HtxSubAccountOutcome>> Sweep(CliContext context, HtxClient client, long[] uids, string? marginAccount, OutputFormat format, CancellationToken token)
    {
        if (!context.Interactive || uids.Length < 2 || format != OutputFormat.Table)
        {
            return await client.GetCrossSubAccountInfoAsync(uids, marginAccount, null, token).ConfigureAwait(false);
        }

        IReadOnlyList<HtxSubAccountOutcome> outcomes = [];
        await Console(context).Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask("HTX sub-accounts", maxValue: uids.Length);
            var report = new Progress<HtxSweepProgress>(p => task.Value = p.Completed);
            outcomes = await client.GetCrossSubAccountInfoAsync(uids, marginAccount, report, token).ConfigureAwait(false);
            task.Value = uids.Length;
        }).ConfigureAwait(false);
        return outcomes;
    }

    private static int ReportFailures(CliContext context, IReadOnlyList<HtxSubAccountOutcome> outcomes)
    {
        var failed = outcomes.Where(o => !o.Succeeded).ToArray();
        foreach (var outcome in failed)
        {
            context.Error.WriteLine($"HTX sub-account {outcome.SubUid}: {Describe(outcome.Error!)}");
        }

        return failed.Length == 0 ? ExitCodes.Success : failed.Max(f => ExitCodes.For(f.Error!));
    }

    private static async Task<int> Execute(CliContext context, bool verbose, Func<CancellationToken, Task<int>> body, CancellationToken token)
    {
        try
        {
            return await body(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            context.Error.WriteLine("Cancelled.");
            return ExitCodes.Cancelled;
        }
        catch (UsageException error)
        {
            context.Error.WriteLine("error: " + error.Message);
            return ExitCodes.Usage;
        }
        catch (ArgumentException error)
        {
            context.Error.WriteLine("error: " + error.Message);
            return ExitCodes.Usage;
        }
        catch (ExchangeApiException error)
        {
            context.Error.WriteLine("error: " + Describe(error));
            if (verbose)
            {
                context.Error.WriteLine(error.ToString());
            }

            return ExitCodes.For(error);
        }
#pragma warning disable CA1031 // Why: the tool's last line of defence prints one clear line instead of a crash.
        catch (Exception error)
#pragma warning restore CA1031
        {
            context.Error.WriteLine($"error: unexpected {error.GetType().Name}: {error.Message}{(verbose ? Environment.NewLine + error : " (run with --verbose for details)")}");
            return ExitCodes.Unexpected;
        }
    }

    /// <summary>One line: what failed, the exchange's code and message, and what to check.</summary>
    internal static string Describe(ExchangeApiException error)
    {
        var hint = error.Category switch
        {
            ExchangeErrorCategory.Authentication => "check the API key, secret and passphrase",
            ExchangeErrorCategory.TimestampExpired => "check this machine's clock",
            ExchangeErrorCategory.Permission => "check the key's permissions and IP allow-list",
            ExchangeErrorCategory.RateLimited => "slow down; wait and try again",
            ExchangeErrorCategory.ServerError => "the exchange is failing or in maintenance; try again later",
            ExchangeErrorCategory.NotEnabled => "the account or sub-account has not enabled this product",
            ExchangeErrorCategory.BadRequest => "check the arguments",
            ExchangeErrorCategory.InvalidResponse => "something between you and the exchange answered instead (proxy, firewall)",
            ExchangeErrorCategory.Network => "check the network connection and the exchange's status",
            _ => "see the exchange's error code list",
        };
        var code = error.ExchangeCode is null ? string.Empty : $" [code {error.ExchangeCode}]";
        return $"{error.Exchange}{code}: {error.ExchangeMessage} ({error.Category}) - {hint}.";
    }

    private static BitgetProductType ParseProductType(string wire) =>
        Enum.GetValues<BitgetProductType>().Single(type =>
            typeof(BitgetProductType).GetField(type.ToString())!.GetCustomAttributes(typeof(System.Runtime.Serialization.EnumMemberAttribute), false)
                .Cast<System.Runtime.Serialization.EnumMemberAttribute>().Single().Value == wire);

    private static void Write(CliContext context, OutputFormat format, ResultTable table) => table.Write(format, Console(context), context.Out);

    private static IAnsiConsole Console(CliContext context)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.Out),
            Interactive = context.Interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Ansi = context.Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = context.Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!context.Interactive)
        {
            console.Profile.Width = 200; // a file or a pipe: never wrap numbers
        }

        return console;
    }
}
