using System.Diagnostics;
using System.Text;

namespace GeneratedClients.Tests.Build;

internal sealed record ToolResult(int ExitCode, string Output)
{
    public IEnumerable<string> Lines => Output.Split('\n').Select(line => line.TrimEnd('\r'));

    public string Describe(string what) => $"{what} exited with {ExitCode}. Output:{Environment.NewLine}{Output}";
}

/// <summary>Runs the command-line tools the build relies on (node, npm, dotnet) and captures their output.</summary>
internal static class ToolProcess
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The dotnet host running the tests (set by the CLI), else the one on PATH.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The Redocly CLI entry point inside node_modules, read from the package's "bin".</summary>
    public static string RedoclyCli(string nodeModules)
    {
        var package = Path.Combine(nodeModules, "@redocly", "cli", "package.json");
        var bin = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(package))["bin"]?["redocly"]?.ToString()
            ?? throw new InvalidOperationException($"{package} declares no \"bin\": {{\"redocly\": ...}}.");
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(package)!, bin));
    }

    /// <summary>Installs the pinned npm tools into the repository when node_modules is missing (as the library build does).</summary>
    public static async Task EnsureNodeModulesAsync()
    {
        if (!Directory.Exists(Path.Combine(RepoPaths.Root, "node_modules")))
        {
            var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], RepoPaths.Root);
            Assert.True(install.ExitCode == 0, install.Describe("npm ci"));
        }
    }

    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static async Task<ToolResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var output = new StringBuilder();
        void Append(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(line.Data);
                }
            }
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish in time. Output so far:{Environment.NewLine}{output}");
        }

        lock (output)
        {
            return new ToolResult(process.ExitCode, output.ToString());
        }
    }
}
