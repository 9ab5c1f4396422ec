// The standalone simulator: dotnet run --project src/GeneratedClients.Simulator [-- --port 5099] [--seed N]
//   [--clock-offset SECONDS] [--no-rate-limits] [--verbose]
// Prints its address and the demo credentials, then serves until Ctrl+C.
using System.Globalization;
using System.Runtime.InteropServices;
using GeneratedClients.Simulator;
using Microsoft.Extensions.Logging;

var options = new SimulatorOptions { Port = 5099 };
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var port):
            options.Port = port;
            i++;
            break;
        case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed):
            options.Seed = seed;
            i++;
            break;
        case "--clock-offset" when i + 1 < args.Length && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds):
            options.ClockOffset = TimeSpan.FromSeconds(seconds);
            i++;
            break;
        case "--no-rate-limits":
            options.RateLimitsEnabled = false;
            break;
        case "--verbose":
            options.MinimumLogLevel = LogLevel.Information;
            break;
        case "--help" or "-h":
            Console.WriteLine("Usage: GeneratedClients.Simulator [--port 5099 (0 = any free port)] [--seed N] [--clock-offset SECONDS] [--no-rate-limits] [--verbose]");
            return 0;
        default:
            await Console.Error.WriteLineAsync($"Unknown or incomplete argument '{args[i]}'. Try --help.").ConfigureAwait(false);
            return 2;
    }
}

await using var host = await SimulatorHost.StartAsync(options).ConfigureAwait(false);
var o = host.Options;
var uids = host.Accounts.HtxSubAccountUids;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    GeneratedClients exchange simulator listening on {host.BaseAddress} (seed {o.Seed}, clock offset {o.ClockOffset.TotalSeconds:0.###} s, rate limits {(o.RateLimitsEnabled ? "on" : "off")})

    Bitget  GET  {host.BaseAddress}api/v2/mix/account/sub-account-assets?productType=USDT-FUTURES   ({o.BitgetRateLimitPermits} per {o.BitgetRateLimitWindow.TotalSeconds:0.###} s per key)
            GET  {host.BaseAddress}api/v2/public/time
            ApiKey     {o.BitgetApiKey}
            ApiSecret  {o.BitgetApiSecret}
            Passphrase {o.BitgetPassphrase}
            {host.Accounts.BitgetUserIds.Count} sub-accounts

    HTX     POST {host.BaseAddress}linear-swap-api/v1/swap_cross_sub_account_info   ({o.HtxRateLimitPermits} per {o.HtxRateLimitWindow.TotalSeconds:0.###} s per key)
            GET  {host.BaseAddress}api/v1/timestamp
            AccessKey  {o.HtxAccessKey}
            SecretKey  {o.HtxSecretKey}
            {uids.Count} sub-accounts{(uids.Count > 0 ? $", UIDs {uids[0]}..{uids[^1]}" : "")}

    Faults: send the header X-Sim-Fault (latency=MS, status=503[;body=html], html[=403], truncated, malformed, reset, endless[=MS], error=CODE[;status=403]).
    Press Ctrl+C to stop.
    """));

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});
await stop.Task.ConfigureAwait(false);
Console.WriteLine("Stopping.");
return 0;
