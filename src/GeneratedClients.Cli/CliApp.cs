using System.CommandLine;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using Spectre.Console;

namespace GeneratedClients.Cli;

/// <summary>
/// The command-line tool: <c>bitget sub-account-assets</c>, <c>bitget account-assets</c>, <c>htx sub-account-info</c>,
/// <c>summary</c> and <c>check</c>, against the real exchanges with credentials or the built-in simulator without. Every
/// row says its source; live and simulated exchanges are never mixed.
/// </summary>
internal static class CliApp
{
    private static readonly string[] ProductTypes = ["USDT-FUTURES", "COIN-FUTURES", "USDC-FUTURES", "SUSDT-FUTURES", "SCOIN-FUTURES", "SUSDC-FUTURES"];

    /// <summary>How many simulated HTX sub-accounts are swept when no UIDs are given.</summary>
    private const int SimulatedSummaryUids = 20;

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var output = new Option<OutputFormat>("--output", "-o") { Description = "table (default), json or csv", Recursive = true, DefaultValueFactory = _ => OutputFormat.Table };
        var live = new Option<bool>("--live") { Description = "Insist on the real exchanges; fail when credentials are missing", Recursive = true };
        var simulator = new Option<bool>("--simulator") { Description = "Use the built-in simulator even when credentials are set (its numbers are not real)", Recursive = true };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show stack traces of errors, and end with a summary of the calls made (by outcome, retries, rate-limiter wait)", Recursive = true };
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
        var subUidsFile = new Option<string?>("--sub-uids-file") { Description = "A file of HTX sub-account UIDs, one per line (# starts a comment)" };
        var marginAccount = new Option<string?>("--margin-account", "-m") { Description = "HTX margin account, e.g. USDT (all when left out)" };
        var totals = new Option<bool>("--totals") { Description = "Add totals per exchange and coin (on by default for the table)" };
        var noTotals = new Option<bool>("--no-totals") { Description = "Leave the totals out" };

        var bitgetAssets = new Command("sub-account-assets", "Futures assets of every Bitget sub-account") { productType };
        var bitgetAccounts = new Command("account-assets", "Futures accounts of the Bitget main account (the API key's owner), one per margin coin") { productType };
        var bitget = new Command("bitget", "Bitget futures account") { bitgetAssets, bitgetAccounts };
        var htxInfo = new Command("sub-account-info", "Cross-margin assets of HTX sub-accounts (UIDs from --sub-uid, --sub-uids-file or Htx:SubUids)") { subUid, subUidsFile, marginAccount };
        var htx = new Command("htx", "HTX USDT-margined swap account") { htxInfo };
        var summary = new Command("summary", "Every account's balances on both exchanges in one table, with totals") { productType, subUid, subUidsFile, marginAccount, totals, noTotals };
        var check = new Command("check", "Check each exchange before a first run: credentials, signature, clock offset, permission, host") { subUid, subUidsFile };
        var root = new RootCommand("GeneratedClients: sub-account balances from Bitget and HTX (the built-in simulator when no credentials are set)")
        {
            output, live, simulator, verbose, bitget, htx, summary, check,
        };

        SourceMode Mode(ParseResult parse) => (parse.GetValue(live), parse.GetValue(simulator)) switch
        {
            (true, true) => throw new UsageException("--live and --simulator exclude each other."),
            (true, false) => SourceMode.Live,
            (false, true) => SourceMode.Simulator,
            _ => SourceMode.Auto,
        };

        bitgetAssets.SetAction((parse, token) => Execute(context, parse.GetValue(verbose), async token =>
        {
            await using var session = await Open(context, Mode(parse), needsBitget: true, needsHtx: false, parse.GetValue(output), token).ConfigureAwait(false);
            var result = await session.Bitget!.GetSubAccountAssetsAsync(ParseProductType(parse.GetValue(productType)!), token).ConfigureAwait(false);
            Write(context, parse.GetValue(output), Tables.Bitget(session.BitgetSource!, result));
            return ExitCodes.Success;
        }, token));

        bitgetAccounts.SetAction((parse, token) => Execute(context, parse.GetValue(verbose), async token =>
        {
            await using var session = await Open(context, Mode(parse), needsBitget: true, needsHtx: false, parse.GetValue(output), token).ConfigureAwait(false);
            var result = await session.Bitget!.GetAccountsAsync(ParseProductType(parse.GetValue(productType)!), token).ConfigureAwait(false);
            Write(context, parse.GetValue(output), Tables.BitgetAccounts(session.BitgetSource!, result, session.BitgetMainUserId));
            return ExitCodes.Success;
        }, token));

        htxInfo.SetAction((parse, token) => Execute(context, parse.GetValue(verbose), async token =>
        {
            var format = parse.GetValue(output);
            var (given, from) = SubAccountUids.Resolve(parse.GetValue(subUid), parse.GetValue(subUidsFile), context.Variable);
            await using var session = await Open(context, Mode(parse), needsBitget: false, needsHtx: true, format, token).ConfigureAwait(false);
            var uids = given.Length > 0 ? given
                : session.HtxSimulated ? [.. session.SimulatedHtxUids.Take(SimulatedSummaryUids)]
                : throw new UsageException($"No HTX sub-account UIDs: {SubAccountUids.HowToGive}.");
            NoteUids(context, format, given.Length > 0 ? from : null, uids.Length);
            var outcomes = await Sweep(context, session.Htx!, uids, parse.GetValue(marginAccount), format, token).ConfigureAwait(false);
            Write(context, format, Tables.Htx(session.HtxSource!, outcomes));
            return ReportFailures(context, outcomes, session.LeftOut, otherPartsAnswered: false);
        }, token));

        summary.SetAction((parse, token) => Execute(context, parse.GetValue(verbose), async token =>
        {
            var format = parse.GetValue(output);
            var withTotals = (parse.GetValue(totals), parse.GetValue(noTotals)) switch
            {
                (true, true) => throw new UsageException("--totals and --no-totals exclude each other."),
                (true, false) => true,
                (false, true) => false,
                _ => format == OutputFormat.Table,
            };
            var (given, from) = SubAccountUids.Resolve(parse.GetValue(subUid), parse.GetValue(subUidsFile), context.Variable);
            await using var session = await Open(context, Mode(parse), needsBitget: true, needsHtx: true, format, token, opened =>
            {
                // Live HTX without UIDs while Bitget is left out: nothing at all could be printed, so it is a configuration
                // error before any request, not an empty "partial" table.
                if (opened.Bitget is null && opened.Htx is not null && !opened.HtxSimulated && given.Length == 0)
                {
                    throw new UsageException($"No HTX sub-account UIDs, and Bitget is left out (its credentials are not set): nothing to show. {Capitalized(SubAccountUids.HowToGive)}; HTX answers one sub-account per call.");
                }
            }).ConfigureAwait(false);
            var rows = new List<(string Source, SubAccountBalance Row)>();
            if (session.Bitget is { } bitgetClient)
            {
                var bitgetProductType = ParseProductType(parse.GetValue(productType)!);
                var main = await bitgetClient.GetAccountsAsync(bitgetProductType, token).ConfigureAwait(false);
                var subs = await bitgetClient.GetSubAccountAssetsAsync(bitgetProductType, token).ConfigureAwait(false);
                rows.AddRange(SubAccountBalance.From(main, session.BitgetMainUserId).Concat(SubAccountBalance.From(subs)).Select(row => (session.BitgetSource!, row)));
            }

            IReadOnlyList<HtxSubAccountOutcome> outcomes = [];
            var leftOut = session.LeftOut.ToList();
            if (session.Htx is { } htxClient)
            {
                var uids = given.Length > 0 ? given : session.HtxSimulated ? [.. session.SimulatedHtxUids.Take(SimulatedSummaryUids)] : [];
                if (uids.Length == 0)
                {
                    Notices(context, format).WriteLine($"HTX left out: no sub-account UIDs ({SubAccountUids.HowToGive}); HTX answers one sub-account per call.");
                    leftOut.Add("HTX");
                }
                else
                {
                    NoteUids(context, format, given.Length > 0 ? from : null, uids.Length);
                    outcomes = await Sweep(context, htxClient, uids, parse.GetValue(marginAccount), format, token).ConfigureAwait(false);
                    rows.AddRange(SubAccountBalance.From(outcomes).Select(row => (session.HtxSource!, row)));
                }
            }

            var table = Tables.Summary(rows);
            var sums = withTotals ? Tables.Totals(rows) : null;
            if (format == OutputFormat.Table)
            {
                Write(context, format, table);
                if (sums is not null)
                {
                    Write(context, format, sums);
                }
            }
            else
            {
                Write(context, format, table.WithRecords(sums));
            }

            return ReportFailures(context, outcomes, leftOut, otherPartsAnswered: session.Bitget is not null);
        }, token));

        check.SetAction((parse, token) => Execute(context, parse.GetValue(verbose), async token =>
        {
            var (given, _) = SubAccountUids.Resolve(parse.GetValue(subUid), parse.GetValue(subUidsFile), context.Variable);
            return await ExchangeCheck.RunAsync(context, Mode(parse), given, token).ConfigureAwait(false);
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

    /// <summary>Notices go first on stdout for a table (a person reads it), on stderr for JSON/CSV (scripts get clean data).</summary>
    private static TextWriter Notices(CliContext context, OutputFormat format) => format == OutputFormat.Table ? context.Out : context.Error;

    private static void NoteUids(CliContext context, OutputFormat format, string? from, int count)
    {
        if (from is not null)
        {
            Notices(context, format).WriteLine($"HTX: {count} sub-account(s) from {from}.");
        }
    }

    /// <summary>
    /// Opens the session, lets <paramref name="validate"/> refuse it (a usage error, before any request and before any
    /// notice is printed), then prints the session's notices.
    /// </summary>
    private static async Task<ExchangeSession> Open(CliContext context, SourceMode mode, bool needsBitget, bool needsHtx, OutputFormat format, CancellationToken token, Action<ExchangeSession>? validate = null)
    {
        var notices = new List<string>();
        var session = await ExchangeSession.OpenAsync(needsBitget, needsHtx, mode, context.Variable, notices.Add, token).ConfigureAwait(false);
        try
        {
            validate?.Invoke(session);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        notices.ForEach(Notices(context, format).WriteLine);
        return session;
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

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

    /// <summary>
    /// Names each failed sub-account on stderr. Exit code: success when nothing is missing; the failures' own code when
    /// nothing succeeded at all (every sub-account failed and no other exchange answered); otherwise partial when a
    /// sub-account failed or an exchange was left out (what came back is printed).
    /// </summary>
    /// <param name="context">Where to write.</param>
    /// <param name="outcomes">The HTX sub-accounts swept.</param>
    /// <param name="leftOut">The exchanges left out.</param>
    /// <param name="otherPartsAnswered">Whether another part of the command (Bitget's calls) succeeded.</param>
    private static int ReportFailures(CliContext context, IReadOnlyList<HtxSubAccountOutcome> outcomes, IReadOnlyCollection<string> leftOut, bool otherPartsAnswered)
    {
        var failed = outcomes.Where(o => !o.Succeeded).ToArray();
        foreach (var outcome in failed)
        {
            context.Error.WriteLine($"HTX sub-account {outcome.SubUid}: {Describe(outcome.Error!)}");
        }

        if (failed.Length > 0 && failed.Length == outcomes.Count && !otherPartsAnswered)
        {
            return failed.Max(f => ExitCodes.For(f.Error!));
        }

        return failed.Length > 0 || leftOut.Count > 0 ? ExitCodes.Partial : ExitCodes.Success;
    }

    private static async Task<int> Execute(CliContext context, bool verbose, Func<CancellationToken, Task<int>> body, CancellationToken token)
    {
        // With --verbose, the calls' summary from the library's meter comes last, whatever happened.
        using var summary = verbose ? new CallSummary() : null;
        try
        {
            return await Run(context, verbose, body, token).ConfigureAwait(false);
        }
        finally
        {
            if (summary is not null)
            {
                context.Error.WriteLine(summary.Describe());
            }
        }
    }

    private static async Task<int> Run(CliContext context, bool verbose, Func<CancellationToken, Task<int>> body, CancellationToken token)
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
            ExchangeErrorCategory.AccountNotFound => "check the sub-account UIDs: each must be one of this key's",
            ExchangeErrorCategory.RateLimiterUnavailable => "the shared rate limiter (Redis) did not answer; nothing was sent: check Redis",
            _ => "see the exchange's error code list",
        };
        var code = error.ExchangeCode is null ? string.Empty : $" [code {error.ExchangeCode}]";
        // Without the exchange's own message (a bare HTTP status, a proxy's page), the library's description says what came back.
        return $"{error.Exchange}{code}: {error.ExchangeMessage ?? error.Details.Description} ({error.Category}) - {hint}.";
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
