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

    /// <summary>
    /// NSwag's command-line program from the NSwag.MSBuild package, the one the library generates with: the project
    /// records $(NSwagExe_Net100) (<c>dotnet "…/tools/Net100/dotnet-nswag.dll"</c>) as assembly metadata.
    /// </summary>
    public static string NSwagDll
    {
        get
        {
            var command = typeof(ToolProcess).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
                .Cast<System.Reflection.AssemblyMetadataAttribute>()
                .Single(attribute => attribute.Key == "NSwagCommand").Value ?? string.Empty;
            var start = command.IndexOf('"', StringComparison.Ordinal);
            var end = command.LastIndexOf('"');
            var dll = start >= 0 && end > start ? command[(start + 1)..end] : command;
            Assert.True(File.Exists(dll), $"NSwag.MSBuild's dotnet-nswag.dll was not found (NSwagExe_Net100 = {command}); restore the tooling tests.");
            return dll;
        }
    }

    /// <summary>The Redocly CLI entry point inside node_modules, read from the package's "bin".</summary>
    public static string RedoclyCli(string nodeModules)
    {
        var package = Path.Combine(nodeModules, "@redocly", "cli", "package.json");
        var bin = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(package))["bin"]?["redocly"]?.ToString()
            ?? throw new InvalidOperationException($"{package} declares no \"bin\": {{\"redocly\": ...}}.");
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(package)!, bin));
    }

    private static readonly SemaphoreSlim NpmGate = new(1, 1);

    /// <summary>
    /// Installs the pinned npm tools into the repository when they are missing (the build of this project does it
    /// too; this covers a test run on a build that skipped it). One install at a time.
    /// </summary>
    public static async Task EnsureNodeModulesAsync()
    {
        await NpmGate.WaitAsync();
        try
        {
            var modules = Path.Combine(RepoPaths.Root, "node_modules");
            string[] tools = ["@redocly/cli", "typescript", "ajv", "yaml"];
            if (tools.Any(tool => !File.Exists(Path.Combine(modules, tool, "package.json"))))
            {
                var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], RepoPaths.Root);
                Assert.True(install.ExitCode == 0, install.Describe("npm ci"));
            }
        }
        finally
        {
            NpmGate.Release();
        }
    }

    /// <summary>
    /// The environment of a child build that must not need Node.js: MSBuild variables inherited from <c>dotnet test</c>
    /// removed, and PATH replaced by one folder holding every program of the real PATH except Node.js and its package
    /// managers, whose names lead to stand-ins that record every call in <see cref="NodeCallLog"/> and fail.
    /// </summary>
    public static Dictionary<string, string?> NodeFreeBuildEnvironment()
    {
        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(name => name, string? (_) => null);
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["PATH"] = NodeFreeBin.Value;
        return environment;
    }

    /// <summary>Every call a node-free build made to node, npm or npx (one line each); empty when there was none.</summary>
    public static string NodeCallLog => Path.Combine(NodeFreeBin.Value, "node-calls.log");

    /// <summary>Fails when a node-free build called node, npm or npx.</summary>
    public static void AssertNoNodeCalls(ToolResult build)
    {
        var calls = File.Exists(NodeCallLog) ? File.ReadAllText(NodeCallLog) : string.Empty;
        Assert.True(calls.Length == 0, build.Describe($"The build called Node.js tools ({calls.Trim()}); the build"));
    }

    private static readonly string[] NodeTools = ["node", "nodejs", "npm", "npx", "corepack"];

    // Every program of the real PATH, linked into one folder, except Node.js and its package managers, which are
    // replaced by stand-ins that log the call and fail.
    private static readonly Lazy<string> NodeFreeBin = new(() =>
    {
        var bin = Path.Combine(Path.GetTempPath(), "GeneratedClients.NodeFreeBin." + Environment.ProcessId);
        Directory.CreateDirectory(bin);
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Where(Directory.Exists))
        {
            foreach (var program in Directory.EnumerateFiles(directory))
            {
                var link = Path.Combine(bin, Path.GetFileName(program));
                if (!NodeTools.Contains(Path.GetFileName(program)) && !File.Exists(link) && !Directory.Exists(link))
                {
                    File.CreateSymbolicLink(link, program);
                }
            }
        }

        foreach (var tool in NodeTools)
        {
            var shim = Path.Combine(bin, tool);
            File.WriteAllText(shim, $"#!/bin/sh\necho \"{tool} $*\" >> \"{Path.Combine(bin, "node-calls.log")}\"\nexit 127\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return bin;
    });

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
