using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GeneratedClients.Benchmarks;

/// <summary>One row of the targets table.</summary>
/// <param name="Metric">What is measured.</param>
/// <param name="Value">The measured figure, formatted.</param>
/// <param name="Target">The target, formatted.</param>
/// <param name="Pass">Whether the figure meets the target; null when it was not measured in this run.</param>
public sealed record TargetRow(string Metric, string Value, string Target, bool? Pass);

/// <summary>Turns the BenchmarkDotNet summaries and the sweep into the ratio table and the targets table.</summary>
public sealed class Report(IReadOnlyList<Summary> summaries, SweepResult? sweep)
{
    private const double SigningNanoseconds = 2_000;
    private const long SigningBytes = 1_024;
    private const double DeserializationRatio = 1.5;
    private const double AllocationRatio = 3.0;
    private const double WholeCallRatio = 1.2;
    private const double SweepShare = 0.95;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Every payload case of the deserialization and whole-call benchmarks: time, ratio, throughput, allocation.</summary>
    public string RatioTable()
    {
        var text = new StringBuilder();
        text.AppendLine("| benchmark | payload | method | median | ratio to baseline | MB/s | allocated | alloc / payload |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");
        var ordered = Cases()
            .Where(x => Measured.PayloadOf(x.Case) is not null)
            .OrderBy(x => x.Case.Descriptor.Type.Name, StringComparer.Ordinal)
            .ThenBy(x => Measured.PayloadOf(x.Case))
            .ThenBy(x => !x.Case.Descriptor.Baseline)
            .ThenBy(x => x.Case.Descriptor.MethodIndex);
        foreach (var (summary, benchmarkCase) in ordered)
        {
            var payload = Measured.PayloadOf(benchmarkCase)!.Value;

            var median = Measured.MedianNanoseconds(summary, benchmarkCase);
            var baseline = Find(benchmarkCase.Descriptor.Type, payload, baseline: true);
            var ratio = median is double m && baseline is { } b && Measured.MedianNanoseconds(b.Summary, b.Case) is double bm && bm > 0 ? m / bm : (double?)null;
            text.Append(Invariant, $"| {Short(benchmarkCase.Descriptor.Type)} | {Describe(payload)} | {benchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'')} | {Time(median)} | ");
            text.Append(Invariant, $"{(ratio is double r ? r.ToString("0.00", Invariant) + "×" : "-")} | {Number(Measured.MegabytesPerSecond(summary, benchmarkCase), "0.0")} | ");
            text.AppendLine(Invariant, $"{Bytes(Measured.AllocatedBytes(summary, benchmarkCase))} | {Number(Measured.AllocationPerPayloadByte(summary, benchmarkCase), "0.00")} |");
        }

        return text.ToString();
    }

    /// <summary>The targets the issue asks for, each measured, with pass or miss.</summary>
    public IReadOnlyList<TargetRow> Targets()
    {
        var rows = new List<TargetRow>();
        foreach (var (method, exchange) in new[] { (nameof(SigningBenchmarks.BitgetSignature), "Bitget"), (nameof(SigningBenchmarks.HtxSignedQuery), "HTX") })
        {
            var found = Find(typeof(SigningBenchmarks), method);
            var median = found is { } f ? Measured.MedianNanoseconds(f.Summary, f.Case) : null;
            var allocated = found is { } g ? Measured.AllocatedBytes(g.Summary, g.Case) : null;
            rows.Add(new($"{exchange} signature: time per request", Time(median), "≤ 2 µs", Check(median, v => v <= SigningNanoseconds)));
            rows.Add(new($"{exchange} signature: allocated per request", Bytes(allocated), "≤ 1 KB", Check(allocated, v => v <= SigningBytes)));
        }

        var client = Find(typeof(DeserializationBenchmarks), nameof(DeserializationBenchmarks.Client), Payload.Bitget2000);
        var stj = Find(typeof(DeserializationBenchmarks), nameof(DeserializationBenchmarks.SystemTextJson), Payload.Bitget2000);
        var models = Find(typeof(DeserializationBenchmarks), nameof(DeserializationBenchmarks.NewtonsoftModels), Payload.Bitget2000);
        var deserialization = Ratio(client, stj);
        rows.Add(new("Deserialization, Bitget 2,000 sub-accounts: client call / STJ source-gen", Times(deserialization), "≤ 1.5×", Check(deserialization, v => v <= DeserializationRatio)));
        var modelsOnly = Ratio(models, stj);
        rows.Add(new("  (the same, client models only / STJ source-gen)", Times(modelsOnly), "≤ 1.5×", Check(modelsOnly, v => v <= DeserializationRatio)));

        var allocation = client is { } c ? Measured.AllocationPerPayloadByte(c.Summary, c.Case) : null;
        rows.Add(new("Response read as a stream: client call allocation / payload, Bitget 2,000", Times(allocation), "< 3×", Check(allocation, v => v < AllocationRatio)));
        var htxClient = Find(typeof(DeserializationBenchmarks), nameof(DeserializationBenchmarks.Client), Payload.Htx600);
        var htxAllocation = htxClient is { } h ? Measured.AllocationPerPayloadByte(h.Summary, h.Case) : null;
        rows.Add(new("Response read as a stream: client call allocation / payload, HTX 600 contracts", Times(htxAllocation), "< 3×", Check(htxAllocation, v => v < AllocationRatio)));

        foreach (var payload in new[] { Payload.BitgetSeed, Payload.Bitget2000, Payload.Htx600 })
        {
            var whole = Ratio(
                Find(typeof(WholeCallBenchmarks), nameof(WholeCallBenchmarks.Client), payload),
                Find(typeof(WholeCallBenchmarks), nameof(WholeCallBenchmarks.Raw), payload));
            rows.Add(new($"Whole call / raw HttpClient + JsonConvert, {Describe(payload)}", Times(whole), "≤ 1.2×", Check(whole, v => v <= WholeCallRatio)));
        }

        if (sweep is not null)
        {
            rows.Add(new(
                $"Sweep of {sweep.SubAccounts} HTX sub-accounts: sustained rate / allowed {sweep.AllowedRate:0}/s",
                string.Create(Invariant, $"{sweep.SustainedShare:P1} ({sweep.SustainedRate:0.00}/s)"),
                "≥ 95 %",
                sweep.SustainedShare >= SweepShare));
            rows.Add(new("Sweep: rate-limit rejections (simulator)", sweep.Rejections.ToString(Invariant), "0", sweep.Rejections == 0 && sweep.Failures == 0));
        }

        return rows;
    }

    /// <summary>The targets as a Markdown table: metric | measured | target | pass.</summary>
    public string TargetTable()
    {
        var text = new StringBuilder();
        text.AppendLine("| metric | measured | target | pass |");
        text.AppendLine("|---|---:|---:|:---:|");
        foreach (var row in Targets())
        {
            text.AppendLine(Invariant, $"| {row.Metric} | {row.Value} | {row.Target} | {row.Pass switch { true => "pass", false => "MISS", null => "not run" }} |");
        }

        return text.ToString();
    }

    private IEnumerable<(Summary Summary, BenchmarkCase Case)> Cases() =>
        summaries.SelectMany(s => s.BenchmarksCases.Select(c => (s, c)));

    private (Summary Summary, BenchmarkCase Case)? Find(Type type, Payload payload, bool baseline) =>
        Cases().Where(x => x.Case.Descriptor.Type == type && Measured.PayloadOf(x.Case) == payload && x.Case.Descriptor.Baseline == baseline)
            .Select(x => ((Summary, BenchmarkCase)?)x).FirstOrDefault();

    private (Summary Summary, BenchmarkCase Case)? Find(Type type, string method, Payload? payload = null) =>
        Cases().Where(x => x.Case.Descriptor.Type == type && x.Case.Descriptor.WorkloadMethod.Name == method && Measured.PayloadOf(x.Case) == payload)
            .Select(x => ((Summary, BenchmarkCase)?)x).FirstOrDefault();

    private static double? Ratio((Summary Summary, BenchmarkCase Case)? measured, (Summary Summary, BenchmarkCase Case)? baseline) =>
        measured is { } m && baseline is { } b
        && Measured.MedianNanoseconds(m.Summary, m.Case) is double value
        && Measured.MedianNanoseconds(b.Summary, b.Case) is double reference && reference > 0
            ? value / reference
            : null;

    private static bool? Check<T>(T? value, Func<T, bool> meets)
        where T : struct => value is T measured ? meets(measured) : null;

    private static string Short(Type type) => type.Name.Replace("Benchmarks", "", StringComparison.Ordinal);

    /// <summary>A payload's name and size.</summary>
    public static string Describe(Payload payload) => payload switch
    {
        Payload.BitgetSeed => "Bitget seed sample",
        Payload.Bitget100 => "Bitget 100 sub-accounts",
        Payload.Bitget2000 => "Bitget 2,000 sub-accounts",
        Payload.Htx600 => "HTX 600 contracts",
        _ => payload.ToString(),
    } + string.Create(Invariant, $" ({Payloads.SizeOf(payload) / 1e3:#,0.#} kB)");

    private static string Time(double? nanoseconds) => nanoseconds switch
    {
        null => "-",
        < 1e3 => string.Create(Invariant, $"{nanoseconds:0.0} ns"),
        < 1e6 => string.Create(Invariant, $"{nanoseconds / 1e3:0.00} µs"),
        _ => string.Create(Invariant, $"{nanoseconds / 1e6:0.00} ms"),
    };

    private static string Bytes(long? bytes) => bytes switch
    {
        null => "-",
        < 10_000 => string.Create(Invariant, $"{bytes} B"),
        < 10_000_000 => string.Create(Invariant, $"{bytes / 1e3:0.0} kB"),
        _ => string.Create(Invariant, $"{bytes / 1e6:0.00} MB"),
    };

    private static string Times(double? ratio) => ratio is double r ? r.ToString("0.00", Invariant) + "×" : "-";

    private static string Number(double? value, string format) => value is double v ? v.ToString(format, Invariant) : "-";
}
