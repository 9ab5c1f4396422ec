using System.Globalization;
using GeneratedClients.Bitget;

namespace GeneratedClients.Cli;

/// <summary>
/// <c>check</c>: before a first run, per exchange, whether the credentials are there, whether the exchange accepts the
/// signature (one real signed read, through the client's rate limiter), how far this machine's clock is from the
/// exchange's, which permission the key lacks if it lacks one, and which host is used. Exit code 0 only when every
/// exchange passes.
/// </summary>
internal static class ExchangeCheck
{
    private sealed record Line(string Topic, string Text);

    public static async Task<int> RunAsync(CliContext context, SourceMode mode, long[] uids, CancellationToken token)
    {
        var notices = new List<string>();
        await using var session = await ExchangeSession.OpenAsync(needsBitget: true, needsHtx: true, mode, context.Variable, notices.Add, token).ConfigureAwait(false);
        foreach (var notice in notices.Where(n => !n.Contains(" left out:", StringComparison.Ordinal)))
        {
            context.Out.WriteLine(notice);
        }

        var codes = new List<int>
        {
            await ReportAsync(context, BitgetClient.ExchangeName, session.BitgetSource, session, session.Bitget is { } bitget ? () => CheckBitgetAsync(bitget, token) : null).ConfigureAwait(false),
            await ReportAsync(context, Htx.HtxClient.ExchangeName, session.HtxSource, session, session.Htx is { } htx ? () => CheckHtxAsync(htx, session, uids, token) : null).ConfigureAwait(false),
        };
        var failed = codes.Count(code => code != ExitCodes.Success);
        context.Out.WriteLine(failed == 0 ? "All checks passed." : $"{failed} of {codes.Count} exchanges failed the check.");
        return codes.Max();
    }

    /// <summary>Prints one exchange's block; returns its exit code.</summary>
    private static async Task<int> ReportAsync(CliContext context, string exchange, string? source, ExchangeSession session, Func<Task<(List<Line> Lines, int Code)>>? check)
    {
        var variables = exchange == BitgetClient.ExchangeName
            ? $"{ExchangeSession.BitgetKeyVariable}, {ExchangeSession.BitgetSecretVariable}, {ExchangeSession.BitgetPassphraseVariable}"
            : $"{ExchangeSession.HtxKeyVariable}, {ExchangeSession.HtxSecretVariable}";
        if (check is null)
        {
            context.Out.WriteLine($"{exchange}: not checked");
            Write(context, new Line("credentials", $"missing: set {variables} (live and simulated exchanges are never mixed)"));
            Write(context, new Line("result", "FAILED"));
            return ExitCodes.Usage;
        }

        context.Out.WriteLine($"{exchange} ({source}) at {session.AddressOf(exchange)}");
        Write(context, new Line("credentials", source == Sources.Simulator ? "the simulator's demo credentials" : $"{variables} set"));
        var (lines, code) = await check().ConfigureAwait(false);
        lines.ForEach(line => Write(context, line));
        Write(context, new Line("result", code == ExitCodes.Success ? "OK" : "FAILED"));
        return code;
    }

    private static async Task<(List<Line>, int)> CheckBitgetAsync(BitgetClient client, CancellationToken token)
    {
        const string read = "GET /api/v2/mix/account/accounts?productType=USDT-FUTURES";
        try
        {
            var result = await client.GetAccountsAsync(BitgetProductType.UsdtFutures, token).ConfigureAwait(false);
            return ([new("signature", $"accepted ({read}: {result.Count} account(s))"), Clock(client.ClockOffset, "Bitget"), new("permission", "futures account read: granted")], ExitCodes.Success);
        }
        catch (ExchangeApiException error)
        {
            return Failed(error, read, client.ClockOffset);
        }
    }

    private static async Task<(List<Line>, int)> CheckHtxAsync(Htx.HtxClient client, ExchangeSession session, long[] uids, CancellationToken token)
    {
        var uid = uids.Length > 0 ? uids[0] : session.HtxSimulated ? session.SimulatedHtxUids[0] : (long?)null;
        if (uid is null)
        {
            // HTX's only signed read here names a sub-account: without one, nothing can show that the signature is accepted.
            return ([new("signature", $"not checked: no sub-account UID (give --sub-uid, --sub-uids-file, or set {SubAccountUids.ConfigurationKey} / {SubAccountUids.EnvironmentVariable})")], ExitCodes.Usage);
        }

        var read = string.Create(CultureInfo.InvariantCulture, $"POST /linear-swap-api/v1/swap_cross_sub_account_info (sub_uid {uid})");
        try
        {
            var result = await client.GetCrossSubAccountInfoAsync(uid.Value, cancellationToken: token).ConfigureAwait(false);
            return ([new("signature", $"accepted ({read}: {result.Count} margin account(s))"), Clock(client.ClockOffset, "HTX"), new("permission", "swap account read: granted")], ExitCodes.Success);
        }
        catch (ExchangeApiException error)
        {
            return Failed(error, read, client.ClockOffset);
        }
    }

    private static (List<Line>, int) Failed(ExchangeApiException error, string read, TimeSpan offset)
    {
        var said = CliApp.Describe(error);
        List<Line> lines = error.Category switch
        {
            ExchangeErrorCategory.Authentication => [new("signature", $"refused ({read}): {said}")],
            ExchangeErrorCategory.TimestampExpired => [new("signature", $"refused for its timestamp ({read})"), Clock(offset, error.Exchange), new("cause", said)],
            ExchangeErrorCategory.Permission => [new("signature", $"accepted ({read})"), Clock(offset, error.Exchange), new("permission", $"missing: {said}")],
            ExchangeErrorCategory.AccountNotFound => [new("signature", $"accepted ({read})"), Clock(offset, error.Exchange), new("sub-account", $"not found: {said}")],
            ExchangeErrorCategory.Network => [new("host", $"not reached: {said}")],
            ExchangeErrorCategory.RateLimiterUnavailable => [new("rate limit", $"not consulted, nothing sent: {said}")],
            _ => [new("signature", $"not confirmed ({read}): {said}")],
        };
        return (lines, ExitCodes.For(error));
    }

    private static Line Clock(TimeSpan offset, string exchange) =>
        new("clock", string.Create(CultureInfo.InvariantCulture, $"{(offset >= TimeSpan.Zero ? "+" : "-")}{Math.Abs(offset.TotalMilliseconds):0} ms: {exchange}'s clock minus this machine's (requests are signed with it corrected)"));

    private static void Write(CliContext context, Line line) => context.Out.WriteLine($"  {line.Topic,-12} {line.Text}");
}
