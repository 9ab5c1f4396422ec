using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GeneratedClients.Benchmarks;

// The benchmark suite (docs/performance.md).
//   dotnet run -c Release --project tests/GeneratedClients.Benchmarks                 full run, then the sweep
//   dotnet run -c Release --project tests/GeneratedClients.Benchmarks -- --short      a few minutes, then the sweep
//   dotnet run -c Release --project tests/GeneratedClients.Benchmarks -- --sweep      the sweep alone (about 20 s)
//   dotnet run -c Release --project tests/GeneratedClients.Benchmarks -- --sweep --processes 3 --redis 127.0.0.1:6379
//                                 many processes, one key: the sweep shared through Redis, then in-process limiters for contrast
// Other switches: --no-sweep, --filter <glob> (BenchmarkDotNet's, for example *Signing*), --sweep-size <n>,
// --local (with --processes: the in-process contrast alone, no Redis needed).
if (args.Length > 0 && args[0] == SharedSweepBenchmark.WorkerSwitch)
{
    return await SharedSweepBenchmark.RunWorkerAsync(args[1..]).ConfigureAwait(false);
}

var arguments = args.ToList();
if (arguments.Contains("--help") || arguments.Contains("-h"))
{
    Console.WriteLine("usage: GeneratedClients.Benchmarks [--short] [--sweep | --no-sweep] [--filter <glob>]... [--sweep-size <n>]");
    Console.WriteLine("       GeneratedClients.Benchmarks --sweep --processes <n> (--redis <host:port> | --local) [--sweep-size <n>]");
    return 0;
}

var shortRun = arguments.Remove("--short");
var sweepOnly = arguments.Remove("--sweep");
var noSweep = arguments.Remove("--no-sweep");
var sweepSize = TakeValue(arguments, "--sweep-size") is string size ? int.Parse(size, CultureInfo.InvariantCulture) : 500;
var processes = TakeValue(arguments, "--processes") is string count ? int.Parse(count, CultureInfo.InvariantCulture) : (int?)null;
var redisEndpoint = TakeValue(arguments, "--redis");
var localOnly = arguments.Remove("--local");
var filters = new List<string>();
while (TakeValue(arguments, "--filter") is string filter)
{
    filters.Add(filter);
}

if (arguments.Count > 0)
{
    Console.Error.WriteLine($"unknown arguments: {string.Join(' ', arguments)} (see --help)");
    return 2;
}

Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores, {CpuModel()}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
if (processes is int processCount)
{
    // Many processes, one key: the Redis-shared sweep (unless --local), then the in-process limiters for contrast.
    if (!localOnly && redisEndpoint is null)
    {
        Console.Error.WriteLine("--processes needs --redis <host:port> (or --local for the in-process contrast alone)");
        return 2;
    }

    var shared = new System.Text.StringBuilder();
    foreach (var mode in localOnly ? [SharedSweepLimiter.InProcess] : new[] { SharedSweepLimiter.Redis, SharedSweepLimiter.InProcess })
    {
        Console.WriteLine();
        Console.WriteLine($"sweeping {sweepSize} HTX sub-accounts on one access key from {processCount} processes ({mode} limiters) against the simulator at HTX's limit (72 / 3 s)...");
        var result = await SharedSweepBenchmark.RunAsync(mode, processCount, sweepSize, redisEndpoint).ConfigureAwait(false);
        Console.WriteLine(result);
        shared.AppendLine(result.ToString());
    }

    var sharedResults = Path.Combine(RepoPaths.Root, "BenchmarkDotNet.Artifacts", "results");
    Directory.CreateDirectory(sharedResults);
    await File.WriteAllTextAsync(Path.Combine(sharedResults, "shared-sweep.txt"), shared.ToString()).ConfigureAwait(false);
    return 0;
}

EquivalenceCheck.Run();

IReadOnlyList<Summary> summaries = [];
if (!sweepOnly)
{
    // In-process: no generated project to build (the repository's strict build settings would apply to it), and
    // the same optimised assemblies the program itself runs.
    var job = (shortRun
            ? Job.Default.WithWarmupCount(2).WithIterationCount(5).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
            : Job.Default)
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithId(shortRun ? "Short" : "Full");
    var config = DefaultConfig.Instance
        .AddJob(job)
        .AddColumn(new PayloadSizeColumn(), new ThroughputColumn(), new AllocationPerPayloadColumn())
        .WithArtifactsPath(Path.Combine(RepoPaths.Root, "BenchmarkDotNet.Artifacts"))
        .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(20))
        .WithOptions(ConfigOptions.DisableLogFile);
    if (filters.Count > 0)
    {
        config = config.AddFilter(new GlobFilter([.. filters]));
    }

    summaries = [.. BenchmarkRunner.Run([typeof(SigningBenchmarks), typeof(DeserializationBenchmarks), typeof(WholeCallBenchmarks)], config)];
}

SweepResult? sweep = null;
if (sweepOnly || !noSweep)
{
    Console.WriteLine();
    Console.WriteLine($"sweeping {sweepSize} HTX sub-accounts against the simulator at HTX's limit (72 / 3 s)...");
    sweep = await SweepBenchmark.RunAsync(sweepSize).ConfigureAwait(false);
    Console.WriteLine(sweep);
}

var report = new Report(summaries, sweep);
var output = new System.Text.StringBuilder();
if (summaries.Count > 0)
{
    output.AppendLine().AppendLine("## Ratios (deserialization against STJ source-gen; whole call against raw HttpClient + JsonConvert)").AppendLine();
    output.Append(report.RatioTable());
}

output.AppendLine().AppendLine("## Targets").AppendLine();
output.Append(report.TargetTable());
Console.WriteLine(output);

var results = Path.Combine(RepoPaths.Root, "BenchmarkDotNet.Artifacts", "results");
Directory.CreateDirectory(results);
var file = Path.Combine(results, shortRun ? "targets-short.md" : sweepOnly ? "targets-sweep.md" : "targets.md");
await File.WriteAllTextAsync(file, output.ToString()).ConfigureAwait(false);
Console.WriteLine($"written to {file}");
return 0;

static string? TakeValue(List<string> arguments, string name)
{
    var index = arguments.IndexOf(name);
    if (index < 0 || index + 1 >= arguments.Count)
    {
        return null;
    }

    var value = arguments[index + 1];
    arguments.RemoveRange(index, 2);
    return value;
}

static string CpuModel()
{
    try
    {
        var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
    catch (IOException)
    {
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
