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
    /// <summary>
    /// Bitget: the key permission its futures (mix) account reads need. Bitget refuses a key without it with 40014
    /// (HTTP 403, "the key lacks the permission" in specs/bitget/mix-account.yaml).
    /// </summary>
    private const string BitgetPermission = "futures (contract) read";

    /// <summary>HTX: "Interface permission: Read." of the USDT-margined swap endpoint (specs/htx/linear-swap-account.yaml).</summary>
    private const string HtxPermission = "Read (USDT-margined swap API)";

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
            return Passed($"accepted ({read}: {result.Count} account(s))", BitgetPermission, Clock(BitgetClient.ExchangeName, client.IsClockOffsetMeasured, client.ClockOffset, client.ClockSyncError));
        }
        catch (ExchangeApiException error)
        {
            return Failed(error, read, BitgetPermission, Clock(BitgetClient.ExchangeName, client.IsClockOffsetMeasured, client.ClockOffset, client.ClockSyncError));
        }
    }

    private static async Task<(List<Line>, int)> CheckHtxAsync(Htx.HtxClient client, ExchangeSession session, long[] uids, CancellationToken token)
    {
        var uid = uids.Length > 0 ? uids[0] : session.HtxSimulated ? session.SimulatedHtxUids[0] : (long?)null;
        if (uid is null)
        {
            // HTX's only signed read here names a sub-account: without one, nothing can show that the signature is accepted.
            return ([new("signature", $"not checked: no sub-account UID ({SubAccountUids.HowToGive})")], ExitCodes.Usage);
        }

        var read = string.Create(CultureInfo.InvariantCulture, $"POST /linear-swap-api/v1/swap_cross_sub_account_info (sub_uid {uid})");
        try
        {
            var result = await client.GetCrossSubAccountInfoAsync(uid.Value, cancellationToken: token).ConfigureAwait(false);
            return Passed($"accepted ({read}: {result.Count} margin account(s))", HtxPermission, Clock(Htx.HtxClient.ExchangeName, client.IsClockOffsetMeasured, client.ClockOffset, client.ClockSyncError));
        }
        catch (ExchangeApiException error)
        {
            return Failed(error, read, HtxPermission, Clock(Htx.HtxClient.ExchangeName, client.IsClockOffsetMeasured, client.ClockOffset, client.ClockSyncError));
        }
    }

    /// <summary>The signed read succeeded; the check still fails when the clock could not be measured.</summary>
    private static (List<Line>, int) Passed(string signature, string permission, (Line Line, int Code) clock) =>
        ([new("signature", signature), clock.Line, new("permission", $"{permission}: granted")], clock.Code);

    private static (List<Line>, int) Failed(ExchangeApiException error, string read, string permission, (Line Line, int Code) clock)
    {
        var said = CliApp.Describe(error);
        List<Line> lines = error.Category switch
        {
            ExchangeErrorCategory.Authentication => [new("signature", $"refused ({read}): {said}")],
            ExchangeErrorCategory.TimestampExpired => [new("signature", $"refused for its timestamp ({read})"), clock.Line, new("cause", said)],
            // The exchange's own error code means it read the signature before refusing the permission; a bare HTTP 403
            // (a proxy's page) does not say.
            ExchangeErrorCategory.Permission => [new("signature", error.ExchangeCode is null ? $"not confirmed ({read})" : $"accepted ({read})"), clock.Line, new("permission", $"missing: {permission} (needed by {read}); {said}")],
            ExchangeErrorCategory.AccountNotFound => [new("signature", $"accepted ({read})"), clock.Line, new("sub-account", $"not found: {said}")],
            ExchangeErrorCategory.Network => [new("host", $"not reached: {said}")],
            ExchangeErrorCategory.RateLimiterUnavailable => [new("rate limit", $"not consulted, nothing sent: {said}")],
            _ => [new("signature", $"not confirmed ({read}): {said}")],
        };
        return (lines, Math.Max(ExitCodes.For(error), clock.Code));
    }

    /// <summary>
    /// The clock line: the offset measured before the signed read, or "not measured" and why. A failed server-time
    /// request fails the check (its exit code); a clock that was never measured is not shown as 0.
    /// </summary>
    private static (Line Line, int Code) Clock(string exchange, bool measured, TimeSpan offset, ExchangeApiException? failure)
    {
        if (measured)
        {
            return (new("clock", string.Create(CultureInfo.InvariantCulture, $"{(offset >= TimeSpan.Zero ? "+" : "-")}{Math.Abs(offset.TotalMilliseconds):0} ms: {exchange}'s clock minus this machine's (requests are signed with it corrected)")), ExitCodes.Success);
        }

        return failure is not null
            ? (new("clock", $"not measured: the server-time request failed ({failure.Category}: {failure.ExchangeMessage ?? failure.Details.Description}); requests are signed with this machine's clock"), ExitCodes.For(failure))
            : (new("clock", "not measured: no server-time request was made (clock synchronisation did not run)"), ExitCodes.Success);
    }

    private static void Write(CliContext context, Line line) => context.Out.WriteLine($"  {line.Topic,-12} {line.Text}");
}
