using System.Diagnostics;

namespace GeneratedClients.IntegrationTests.Cli;

/// <summary>The tool as a real process: what a user's Ctrl+C does to a running sweep.</summary>
public class CliProcessTests
{
    [Fact]
    public async Task Ctrl_c_cancels_a_sweep_cleanly_with_exit_code_130()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // SIGINT is sent with kill(1); Windows has no such signal
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "generated-clients.dll"));
        foreach (var arg in new[] { "htx", "sub-account-info", "--output", "csv" })
        {
            start.ArgumentList.Add(arg);
        }

        // 200 simulated sub-accounts at 72 / 3 s take about 6 s: long enough to interrupt.
        for (var uid = 10_000_001; uid <= 10_000_200; uid++)
        {
            start.ArgumentList.Add("--sub-uid");
            start.ArgumentList.Add(uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var name in new[] { "BITGET_API_KEY", "BITGET_API_SECRET", "BITGET_API_PASSPHRASE", "HTX_ACCESS_KEY", "HTX_SECRET_KEY" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.False(process.HasExited, "the sweep ended before it could be interrupted");

        var interrupted = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        interrupted.Stop();

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("Cancelled.", await error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await output);
        Assert.True(interrupted.Elapsed < TimeSpan.FromSeconds(3), $"took {interrupted.Elapsed} to stop");
    }
}
