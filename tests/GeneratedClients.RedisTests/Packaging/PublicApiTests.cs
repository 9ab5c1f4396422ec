using GeneratedClients.Redis;
using GeneratedClients.RedisTests.Support;
using PublicApiGenerator;
using Xunit.Abstractions;

namespace GeneratedClients.RedisTests.Packaging;

/// <summary>
/// The package's public surface is approved in src/GeneratedClients.Redis/PublicAPI.approved.txt (PublicApiGenerator's
/// C# declarations), so every change to it shows in review and is versioned per SemVer. Run with UPDATE_PUBLIC_API=1
/// to rewrite the file from the built assembly.
/// </summary>
public sealed class PublicApiTests(ITestOutputHelper output)
{
    [Fact]
    public void The_public_API_matches_the_approved_listing()
    {
        var approvedPath = Path.Combine(RepoPaths.Root, "src", "GeneratedClients.Redis", "PublicAPI.approved.txt");
        var actual = Normalize(typeof(RedisRateLimiter).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.CompilerServices.InternalsVisibleToAttribute", "System.Reflection.AssemblyMetadataAttribute", "System.CodeDom.Compiler.GeneratedCodeAttribute"],
            IncludeAssemblyAttributes = false,
        }));

        if (Environment.GetEnvironmentVariable("UPDATE_PUBLIC_API") == "1")
        {
            File.WriteAllText(approvedPath, actual);
            output.WriteLine($"UPDATE_PUBLIC_API=1: wrote {approvedPath}; review its diff before committing.");
            return;
        }

        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : string.Empty;
        Assert.True(
            approved == actual,
            "The public API of GeneratedClients.Redis differs from src/GeneratedClients.Redis/PublicAPI.approved.txt. If the change is " +
            "intended, rewrite it with `UPDATE_PUBLIC_API=1 dotnet test tests/GeneratedClients.RedisTests --filter FullyQualifiedName~PublicApiTests`, " +
            "review the diff and bump <Version> per SemVer.\nNow:\n" + actual);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
}
