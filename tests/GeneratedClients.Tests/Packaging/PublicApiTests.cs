using Xunit.Abstractions;

namespace GeneratedClients.Tests.Packaging;

/// <summary>
/// The library's public surface (hand-written and generated types alike: the generated models are what users
/// see) is pinned in src/GeneratedClients/PublicAPI.txt, so that every change to it shows up in review and can
/// be versioned per SemVer. Run with UPDATE_PUBLIC_API=1 to rewrite the file from the built assembly.
/// </summary>
public sealed class PublicApiTests(ITestOutputHelper output)
{
    private const string UpdateVariable = "UPDATE_PUBLIC_API";
    private const string BaselineRelativePath = "src/GeneratedClients/PublicAPI.txt";

    private static string BaselinePath => Path.Combine(RepoPaths.Root, "src", "GeneratedClients", "PublicAPI.txt");

    [Fact]
    public void The_public_API_matches_PublicAPI_txt()
    {
        var actual = PublicApiListing.For(typeof(GeneratedClients.Bitget.BitgetClient).Assembly);
        var exists = File.Exists(BaselinePath);
        var expected = exists
            ? File.ReadAllText(BaselinePath).Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Where(line => line.Length > 0).ToList()
            : [];

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            if (!exists || !expected.SequenceEqual(actual, StringComparer.Ordinal))
            {
                File.WriteAllText(BaselinePath, string.Concat(actual.Select(line => line + "\n")));
                output.WriteLine($"{UpdateVariable}=1: rewrote {BaselinePath} with {actual.Count} lines; review its diff before committing.");
            }
            else
            {
                output.WriteLine($"{UpdateVariable}=1: {BaselinePath} is already up to date ({actual.Count} lines).");
            }

            return;
        }

        var expectedSet = expected.ToHashSet(StringComparer.Ordinal);
        var actualSet = actual.ToHashSet(StringComparer.Ordinal);
        var added = actual.Where(line => !expectedSet.Contains(line)).ToList();
        var removed = expected.Where(line => !actualSet.Contains(line)).ToList();
        if (added.Count == 0 && removed.Count == 0 && expected.SequenceEqual(actual, StringComparer.Ordinal))
        {
            return;
        }

        var message = new System.Text.StringBuilder();
        message.AppendLine(exists
            ? $"The public API of GeneratedClients differs from {BaselineRelativePath}."
            : $"{BaselineRelativePath} does not exist.");
        message.AppendLine($"Added ({added.Count}):");
        foreach (var line in added)
        {
            message.Append("+ ").AppendLine(line);
        }

        message.AppendLine($"Removed ({removed.Count}):");
        foreach (var line in removed)
        {
            message.Append("- ").AppendLine(line);
        }

        if (added.Count == 0 && removed.Count == 0)
        {
            message.AppendLine("(Same lines, but the file is not in the listing's order or repeats a line.)");
        }

        message.AppendLine(
            $"If the change is intended, rewrite the file with {UpdateVariable}=1 " +
            $"(`{UpdateVariable}=1 dotnet test tests/GeneratedClients.Tests --filter \"FullyQualifiedName~PublicApiTests\"`), " +
            "commit it with the change, and bump <Version> in src/GeneratedClients/GeneratedClients.csproj per SemVer " +
            "(a removed or changed line is a breaking change).");
        Assert.Fail(message.ToString());
    }

    [Fact]
    public void The_listing_is_stable_and_sorted()
    {
        var assembly = typeof(GeneratedClients.Bitget.BitgetClient).Assembly;
        var first = PublicApiListing.For(assembly);
        var second = PublicApiListing.For(assembly.GetTypes().Reverse());

        Assert.Equal(first, second);

        // Types in ordinal order of their names, each with its declaration first and then its members in ordinal order.
        var blocks = first.GroupBy(line => line[..line.IndexOf(": ", StringComparison.Ordinal)]).ToList();
        Assert.Equal(blocks.Select(block => block.Key).Order(StringComparer.Ordinal), blocks.Select(block => block.Key));
        Assert.Equal(blocks.Count, blocks.Select(block => block.Key).Distinct().Count());
        Assert.All(blocks, block => Assert.Equal(block.Skip(1).Order(StringComparer.Ordinal), block.Skip(1)));
        Assert.Contains(first, line => line.StartsWith("GeneratedClients.Bitget.BitgetClient: public sealed class BitgetClient", StringComparison.Ordinal));
        Assert.DoesNotContain(first, line => line.StartsWith("GeneratedClients.Bitget.BitgetApi:", StringComparison.Ordinal)); // the internal generated client
    }

    [Fact]
    public void The_listing_describes_kinds_members_and_signatures_the_CSharp_way()
    {
        var listing = PublicApiListing.For(typeof(PublicApiTests).Assembly.GetTypes().Where(type => type.Name.Contains("ApiSample", StringComparison.Ordinal)));

        const string S = "GeneratedClients.Tests.Packaging.";
        string[] expected =
        [
            S + "ApiSampleBase: public abstract class ApiSampleBase : System.IDisposable",
            S + "ApiSampleBase: protected ApiSampleBase()",
            S + "ApiSampleBase: protected abstract System.Collections.Generic.IReadOnlyList<GeneratedClients.Tests.Packaging.ApiSampleRecord> Items { get; }",
            S + "ApiSampleBase: protected const string Prefix = \"a\\\"b\"",
            S + "ApiSampleBase: public event System.EventHandler<System.EventArgs> Changed",
            S + "ApiSampleBase: public static readonly decimal Ratio",
            S + "ApiSampleBase: public virtual int this[string key] { get; }",
            S + "ApiSampleBase: public virtual void Dispose()",
            S + "ApiSampleBase: public void Notify()",
            S + "ApiSampleCallback: public delegate bool ApiSampleCallback(ref int count, out string text, in decimal amount)",
            S + "ApiSampleExtensions: public static class ApiSampleExtensions",
            S + "ApiSampleExtensions: public static System.Threading.Tasks.Task<(int, string)> RunAsync<TItem>(this TItem item, GeneratedClients.Tests.Packaging.ApiSampleKind kind = GeneratedClients.Tests.Packaging.ApiSampleKind.Second, string name = null, int count = 3, bool flag = true, System.Threading.CancellationToken cancellationToken = default, params int[] more) where TItem : class, System.IDisposable, new()",
            S + "ApiSampleGeneric<TKey, TValue>: public class ApiSampleGeneric<TKey, TValue> where TValue : struct",
            S + "ApiSampleGeneric<TKey, TValue>: public ApiSampleGeneric()",
            S + "ApiSampleGeneric<TKey, TValue>: public System.Collections.Generic.Dictionary<TKey, TValue?> Values { get; init; }",
            S + "ApiSampleGeneric<TKey, TValue>: public required string Name { get; set; }",
            S + "ApiSampleGeneric<TKey, TValue>: public static GeneratedClients.Tests.Packaging.ApiSampleGeneric<TKey, TValue> operator +(GeneratedClients.Tests.Packaging.ApiSampleGeneric<TKey, TValue> left, int right)",
            S + "ApiSampleGeneric<TKey, TValue>: public static implicit operator string(GeneratedClients.Tests.Packaging.ApiSampleGeneric<TKey, TValue> value)",
            S + "ApiSampleGeneric<TKey, TValue>.ApiSampleNested: public sealed class ApiSampleNested",
            S + "ApiSampleGeneric<TKey, TValue>.ApiSampleNested: public ApiSampleNested()",
            S + "ApiSampleGeneric<TKey, TValue>.ApiSampleNested: public TKey Key { get; set; }",
            S + "ApiSampleKind: public enum ApiSampleKind : long",
            S + "ApiSampleKind: First = 1",
            S + "ApiSampleKind: Second = 4",
            S + "ApiSampleLimit: public readonly record struct ApiSampleLimit : System.IEquatable<GeneratedClients.Tests.Packaging.ApiSampleLimit>",
            S + "ApiSampleLimit: public ApiSampleLimit(int Permits, System.TimeSpan Window)",
            S + "ApiSampleLimit: public System.TimeSpan Window { get; init; }",
            S + "ApiSampleLimit: public int Permits { get; init; }",
            S + "ApiSampleLimit: public void Deconstruct(out int Permits, out System.TimeSpan Window)",
            S + "ApiSampleOpenRecord: public record ApiSampleOpenRecord : System.IEquatable<GeneratedClients.Tests.Packaging.ApiSampleOpenRecord>",
            S + "ApiSampleOpenRecord: protected virtual string Describe()",
            S + "ApiSampleOpenRecord: public ApiSampleOpenRecord()",
            S + "ApiSampleOpenRecord: public int Count { get; protected set; }",
            S + "ApiSampleRecord: public sealed record ApiSampleRecord : GeneratedClients.Tests.Packaging.ApiSampleOpenRecord, System.IEquatable<GeneratedClients.Tests.Packaging.ApiSampleRecord>",
            S + "ApiSampleRecord: public ApiSampleRecord(string Name, int? Amount)",
            S + "ApiSampleRecord: public int? Amount { get; init; }",
            S + "ApiSampleRecord: public string Name { get; init; }",
            S + "ApiSampleRecord: public string ToText()",
            S + "ApiSampleRecord: public void Deconstruct(out string Name, out int? Amount)",
            S + "IApiSampleService: public interface IApiSampleService : System.IDisposable",
        ];

        Assert.Equal(expected, listing);
    }
}

// Samples of every shape the listing describes, for The_listing_describes_kinds_members_and_signatures_the_CSharp_way.
#pragma warning disable CA1816 // The sample Dispose only has to exist.

public enum ApiSampleKind : long
{
    First = 1,
    Second = 4,
}

public delegate bool ApiSampleCallback(ref int count, out string text, in decimal amount);

public interface IApiSampleService : IDisposable;

public abstract class ApiSampleBase : IDisposable
{
    protected const string Prefix = "a\"b";
    public static readonly decimal Ratio = 1.5m;
    private int _hidden;

    public event EventHandler<EventArgs>? Changed;

    protected abstract IReadOnlyList<ApiSampleRecord> Items { get; }

    public virtual int this[string key] => key.Length + _hidden;

    public void Notify() => Changed?.Invoke(this, EventArgs.Empty);

    public virtual void Dispose() => _hidden = 0;

    internal void Internal() => _hidden++;
}

public record ApiSampleOpenRecord
{
    public int Count { get; protected set; }

    protected virtual string Describe() => "open";
}

public sealed record ApiSampleRecord(string Name, int? Amount) : ApiSampleOpenRecord
{
    public string ToText() => Describe();

    protected override string Describe() => Name;
}

public readonly record struct ApiSampleLimit(int Permits, TimeSpan Window);

public class ApiSampleGeneric<TKey, TValue>
    where TKey : notnull
    where TValue : struct
{
    public Dictionary<TKey, TValue?> Values { get; init; } = [];

    public required string Name { get; set; }

    public static ApiSampleGeneric<TKey, TValue> operator +(ApiSampleGeneric<TKey, TValue> left, int right) => left;

    public static implicit operator string(ApiSampleGeneric<TKey, TValue> value) => value.Name;

    public sealed class ApiSampleNested
    {
        public TKey? Key { get; set; }
    }
}

public static class ApiSampleExtensions
{
    public static Task<(int, string)> RunAsync<TItem>(
        this TItem item,
        ApiSampleKind kind = ApiSampleKind.Second,
        string? name = null,
        int count = 3,
        bool flag = true,
        CancellationToken cancellationToken = default,
        params int[] more)
        where TItem : class, IDisposable, new() => Task.FromResult((count, name ?? kind.ToString()));
}

#pragma warning restore CA1816
