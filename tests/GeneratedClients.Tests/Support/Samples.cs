namespace GeneratedClients.Tests.Support;

/// <summary>The wire samples beside the specs (specs/&lt;exchange&gt;/examples/&lt;operationId&gt;.&lt;status&gt;[.&lt;variant&gt;].json).</summary>
internal static class Samples
{
    public static string Read(string exchange, string fileName) =>
        File.ReadAllText(Path.Combine(RepoPaths.Specs, exchange, "examples", fileName));

    public static IEnumerable<string> Names(string exchange) =>
        Directory.GetFiles(Path.Combine(RepoPaths.Specs, exchange, "examples"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>The HTTP status a sample's file name gives.</summary>
    public static int StatusOf(string fileName) => int.Parse(fileName.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture);
}
