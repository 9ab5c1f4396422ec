using System.Text.Json;
using System.Text.Json.Nodes;

namespace GeneratedClients.Tests.Robustness;

/// <summary>
/// The figures the robustness tests measured (cases run, bytes read, latencies), written to
/// <c>robustness-figures.json</c> beside the test assembly so that the README's figures can be taken
/// from a real run. Each test records its own section; the file is rewritten after every record and
/// starts empty in each test process.
/// </summary>
internal static class RobustnessFigures
{
    public const string FileName = "robustness-figures.json";

    private static readonly Lock Gate = new();
    private static readonly JsonObject Sections = new();

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, FileName);

    public static void Record(string section, IReadOnlyDictionary<string, object?> figures)
    {
        var node = new JsonObject();
        foreach (var (name, value) in figures)
        {
            node[name] = JsonSerializer.SerializeToNode(value);
        }

        lock (Gate)
        {
            Sections[section] = node;
            Sections["project"] = "GeneratedClients.Tests";
            Sections["writtenAtUtc"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            File.WriteAllText(FilePath, Sections.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
    }
}

/// <summary>Tests that measure the process (allocations, wall time) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RobustnessMeasurements
{
    public const string Name = "Robustness measurements (run alone)";
}
