using System.Diagnostics;

namespace GeneratedClients.IntegrationTests.Cli;

/// <summary>
/// Runs the tool as a user does: its own process, its own environment (no credentials unless given), a working directory.
/// HOME is the working directory unless given, so that the user-secrets of whoever runs the tests (credentials, UIDs) are
/// never read.
/// </summary>
internal static class CliProcess
{
    private static readonly string[] Settings =
    [
        "BITGET_API_KEY", "BITGET_API_SECRET", "BITGET_API_PASSPHRASE", "BITGET_MAIN_USER_ID", "HTX_ACCESS_KEY", "HTX_SECRET_KEY",
        "HTX_SUB_UIDS", "Htx__SubUids", "GENERATEDCLIENTS_BASE_ADDRESS", "APPDATA", "DOTNET_USER_SECRETS_FALLBACK_DIR",
    ];

    public static async Task<(int Code, string Out, string Error)> RunAsync(IReadOnlyDictionary<string, string>? environment, string? workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "generated-clients.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in Settings)
        {
            start.Environment.Remove(name);
        }

        start.Environment["HOME"] = start.WorkingDirectory;

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await error);
    }
}
