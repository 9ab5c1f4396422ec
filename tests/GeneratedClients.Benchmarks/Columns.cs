using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GeneratedClients.Benchmarks;

/// <summary>Reads the measured figures of one benchmark case out of a summary.</summary>
public static class Measured
{
    /// <summary>The payload parameter of a case, when it has one.</summary>
    public static Payload? PayloadOf(BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        return benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == nameof(DeserializationBenchmarks.Payload))?.Value as Payload?;
    }

    /// <summary>
    /// The median time per operation in nanoseconds, when the case ran. The median, not the mean: on a small
    /// shared machine a few iterations slowed by other processes move the mean far more than the median.
    /// </summary>
    public static double? MedianNanoseconds(Summary summary, BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary[benchmarkCase]?.ResultStatistics?.Median;
    }

    /// <summary>The bytes allocated per operation (MemoryDiagnoser), when the case ran.</summary>
    public static long? AllocatedBytes(Summary summary, BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary[benchmarkCase]?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
    }

    /// <summary>Payload megabytes (10^6 bytes) read per second.</summary>
    public static double? MegabytesPerSecond(Summary summary, BenchmarkCase benchmarkCase) =>
        PayloadOf(benchmarkCase) is Payload payload && MedianNanoseconds(summary, benchmarkCase) is double median && median > 0
            ? Payloads.SizeOf(payload) / 1e6 / (median / 1e9)
            : null;

    /// <summary>Bytes allocated per operation divided by the payload's size.</summary>
    public static double? AllocationPerPayloadByte(Summary summary, BenchmarkCase benchmarkCase) =>
        PayloadOf(benchmarkCase) is Payload payload && AllocatedBytes(summary, benchmarkCase) is long allocated
            ? (double)allocated / Payloads.SizeOf(payload)
            : null;
}

/// <summary>A column computed from a case's measurements.</summary>
public abstract class ComputedColumn(string name, string legend, int priority) : IColumn
{
    /// <inheritdoc />
    public string Id => GetType().Name;

    /// <inheritdoc />
    public string ColumnName => name;

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => priority;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => legend;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        Compute(summary, benchmarkCase) is double value ? value.ToString(Format, CultureInfo.InvariantCulture) : "-";

    /// <summary>How the value is printed.</summary>
    protected abstract string Format { get; }

    /// <summary>The value, or null when the case has no payload or did not run.</summary>
    protected abstract double? Compute(Summary summary, BenchmarkCase benchmarkCase);
}

/// <summary>The payload's size in kilobytes (10^3 bytes).</summary>
public sealed class PayloadSizeColumn() : ComputedColumn("Payload kB", "Size of the response body, kB (10^3 bytes)", 0)
{
    /// <inheritdoc />
    protected override string Format => "0.0";

    /// <inheritdoc />
    protected override double? Compute(Summary summary, BenchmarkCase benchmarkCase) =>
        Measured.PayloadOf(benchmarkCase) is Payload payload ? Payloads.SizeOf(payload) / 1e3 : null;
}

/// <summary>Throughput: payload megabytes read per second.</summary>
public sealed class ThroughputColumn() : ComputedColumn("MB/s", "Payload bytes read per second, MB (10^6 bytes) / s, from the Median", 1)
{
    /// <inheritdoc />
    protected override string Format => "0.0";

    /// <inheritdoc />
    protected override double? Compute(Summary summary, BenchmarkCase benchmarkCase) => Measured.MegabytesPerSecond(summary, benchmarkCase);
}

/// <summary>Allocation per payload byte.</summary>
public sealed class AllocationPerPayloadColumn() : ComputedColumn("Alloc/Payload", "Bytes allocated per operation / payload bytes (a proxy for peak allocation)", 2)
{
    /// <inheritdoc />
    protected override string Format => "0.00";

    /// <inheritdoc />
    protected override double? Compute(Summary summary, BenchmarkCase benchmarkCase) => Measured.AllocationPerPayloadByte(summary, benchmarkCase);
}
