using Microsoft.Extensions.Logging.Testing;

namespace GeneratedClients.Tests.Support;

/// <summary>What a <see cref="FakeLogCollector"/> captured, one searchable line per record: category, level, message, structured values, exception.</summary>
internal static class LogLines
{
    public static IReadOnlyList<string> Lines(this FakeLogCollector collector) =>
        [.. collector.GetSnapshot().Select(record =>
            $"{record.Category} {record.Level} {record.Message} | {string.Join(";", record.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? [])} | {record.Exception}")];

    public static IReadOnlyList<string> Lines<T>(this FakeLogger<T> logger) => logger.Collector.Lines();
}
