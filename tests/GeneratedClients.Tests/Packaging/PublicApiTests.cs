using PublicApiGenerator;
using Xunit.Abstractions;

namespace GeneratedClients.Tests.Packaging;

/// <summary>
/// The library's public surface (hand-written and generated types alike: the generated models are what users
/// see) is approved in src/GeneratedClients/PublicAPI.approved.txt, written by PublicApiGenerator as C#
/// declarations, so that every change to it shows up in review and can be versioned per SemVer. Run with
/// UPDATE_PUBLIC_API=1 to rewrite the file from the built assembly.
/// </summary>
public sealed class PublicApiTests(ITestOutputHelper output)
{
    private const string UpdateVariable = "UPDATE_PUBLIC_API";

    public static TheoryData<string> Assemblies => ["GeneratedClients"];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void The_public_API_matches_the_approved_listing(string assemblyName)
    {
        var assembly = AppDomain.CurrentDomain.GetAssemblies().SingleOrDefault(a => a.GetName().Name == assemblyName)
            ?? System.Reflection.Assembly.Load(assemblyName);
        var approvedPath = Path.Combine(RepoPaths.Root, "src", assemblyName, "PublicAPI.approved.txt");
        var actual = Normalize(assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            // Friend assemblies, build metadata and the generator's version stamp are not API.
            ExcludeAttributes = ["System.Runtime.CompilerServices.InternalsVisibleToAttribute", "System.Reflection.AssemblyMetadataAttribute", "System.CodeDom.Compiler.GeneratedCodeAttribute"],
            IncludeAssemblyAttributes = false,
        }));

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(approvedPath, actual);
            output.WriteLine($"{UpdateVariable}=1: wrote {approvedPath}; review its diff before committing.");
            return;
        }

        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : string.Empty;
        if (approved == actual)
        {
            return;
        }

        var approvedLines = approved.Split('\n').ToHashSet(StringComparer.Ordinal);
        var actualLines = actual.Split('\n').ToHashSet(StringComparer.Ordinal);
        var message = new System.Text.StringBuilder()
            .AppendLine($"The public API of {assemblyName} differs from src/{assemblyName}/PublicAPI.approved.txt.")
            .AppendLine("Added:");
        foreach (var line in actual.Split('\n').Where(line => !approvedLines.Contains(line)))
        {
            message.Append("+ ").AppendLine(line);
        }

        message.AppendLine("Removed:");
        foreach (var line in approved.Split('\n').Where(line => !actualLines.Contains(line)))
        {
            message.Append("- ").AppendLine(line);
        }

        message.AppendLine(
            $"If the change is intended, rewrite the file with `{UpdateVariable}=1 dotnet test tests/GeneratedClients.Tests " +
            "--filter FullyQualifiedName~PublicApiTests`, commit it with the change, and bump <Version> per SemVer " +
            "(a removed or changed line is a breaking change).");
        Assert.Fail(message.ToString());
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
}
