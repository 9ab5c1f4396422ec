using System.Globalization;

namespace GeneratedClients.Cli;

/// <summary>
/// The HTX sub-account UIDs a command sweeps: <c>--sub-uid</c> and <c>--sub-uids-file</c> (together), else the
/// configuration (<c>Htx:SubUids</c> in appsettings.json or user-secrets, <c>Htx__SubUids</c> or <c>HTX_SUB_UIDS</c> in the
/// environment; comma-separated). Duplicates are dropped, the first order kept. A malformed entry is a usage error that
/// names where it is, before any request.
/// </summary>
internal static class SubAccountUids
{
    public const string ConfigurationKey = "Htx:SubUids";
    public const string EnvironmentVariable = "HTX_SUB_UIDS";

    /// <summary>How to give the UIDs, for every message that asks for them.</summary>
    public const string HowToGive = $"give --sub-uid, --sub-uids-file, or set {ConfigurationKey} / {EnvironmentVariable}";

    /// <summary>The UIDs, and where they came from (for the notices); empty when none are given anywhere.</summary>
    public static (long[] Uids, string? From) Resolve(long[]? given, string? file, Func<string, string?> variable)
    {
        var uids = new List<long>(given ?? []);
        var from = uids.Count > 0 ? "--sub-uid" : null;
        if (!string.IsNullOrEmpty(file))
        {
            uids.AddRange(ReadFile(file));
            from = from is null ? "--sub-uids-file" : "--sub-uid and --sub-uids-file";
        }

        if (uids.Count == 0)
        {
            foreach (var name in new[] { ConfigurationKey, EnvironmentVariable })
            {
                if (variable(name) is { } text && !string.IsNullOrWhiteSpace(text))
                {
                    uids.AddRange(ParseList(text, name));
                    from = name;
                    break;
                }
            }
        }

        return ([.. uids.Distinct()], from);
    }

    private static List<long> ReadFile(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"--sub-uids-file {path}: cannot be read ({error.Message}).");
        }

        var uids = new List<long>();
        for (var i = 0; i < lines.Length; i++)
        {
            var hash = lines[i].IndexOf('#', StringComparison.Ordinal);
            var entry = (hash < 0 ? lines[i] : lines[i][..hash]).Trim();
            if (entry.Length > 0)
            {
                uids.Add(Parse(entry, $"--sub-uids-file {path} line {i + 1}"));
            }
        }

        return uids;
    }

    private static IEnumerable<long> ParseList(string text, string name)
    {
        var entries = text.Split(',');
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i].Trim();
            if (entry.Length > 0)
            {
                yield return Parse(entry, $"{name} entry {i + 1}");
            }
        }
    }

    private static long Parse(string entry, string where) =>
        long.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) && uid > 0
            ? uid
            : throw new UsageException($"{where}: \"{entry}\" is not a sub-account UID (a positive whole number).");
}
