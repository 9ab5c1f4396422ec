using System.Net;
using System.Text.RegularExpressions;
using GeneratedClients.Tests.Build;
using GeneratedClients.Tests.Contract;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GeneratedClients.Tests.SpecTooling;

/// <summary>
/// The docs for teams that do not use .NET (npm run docs: one self-contained YAML bundle and one static HTML reference
/// per spec in docs/out/), built in a temporary copy of the repository: the bundles need no other file, carry every
/// wire sample at its response and pass the repository's lint (which validates each sample against its schema); the
/// HTML loads nothing from the network, renders the quirks and the signing recipe, and embeds every sample.
/// </summary>
public sealed partial class SpecDocsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "GeneratedClients.Docs." + Guid.NewGuid().ToString("N"));

    public SpecDocsTests()
    {
        Directory.CreateDirectory(_root);
        foreach (var file in new[] { "package.json", "package-lock.json", "redocly.yaml" })
        {
            File.Copy(Path.Combine(RepoPaths.Root, file), Path.Combine(_root, file));
        }

        foreach (var file in Directory.EnumerateFiles(RepoPaths.Specs, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_root, Path.GetRelativePath(RepoPaths.Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        Directory.CreateSymbolicLink(NodeModulesLink, Path.Combine(RepoPaths.Root, "node_modules"));
    }

    private string NodeModulesLink => Path.Combine(_root, "node_modules");

    private static Dictionary<string, string?> Quiet => new() { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" };

    public void Dispose()
    {
        // The link goes first, on its own, so that nothing can reach the real node_modules through it.
        if (File.Exists(NodeModulesLink) || Directory.Exists(NodeModulesLink))
        {
            File.Delete(NodeModulesLink);
        }

        Directory.Delete(_root, recursive: true);
    }

    /// <summary>The apis of redocly.yaml: the docs' names (docs/out/&lt;name&gt;.*) and their specs.</summary>
    private static Dictionary<string, string> Apis() =>
        ((YamlJson.ParseFile(Path.Combine(RepoPaths.Root, "redocly.yaml"))["apis"] as JObject)?.Properties() ?? [])
            .ToDictionary(api => api.Name, api => api.Value["root"]!.ToString());

    [Fact]
    public async Task Npm_run_docs_builds_self_contained_bundles_and_offline_html_with_quirks_signing_and_samples()
    {
        await ToolProcess.EnsureNodeModulesAsync();
        var apis = Apis();
        Assert.Equal(SpecSamples.AllSpecFiles().Select(SpecSamples.RepoRelative).Order(), apis.Values.Order());

        var docs = await ToolProcess.RunAsync("npm", ["run", "docs"], _root, Quiet);
        Assert.True(docs.ExitCode == 0, docs.Describe("npm run docs"));

        var lintRoot = Path.Combine(_root, "bundle-lint");
        var failures = new List<string>();
        foreach (var (name, spec) in apis)
        {
            var bundlePath = Path.Combine(_root, "docs", "out", name + ".yaml");
            var htmlPath = Path.Combine(_root, "docs", "out", name + ".html");
            Assert.True(File.Exists(bundlePath) && File.Exists(htmlPath), docs.Describe($"docs/out/{name}.yaml and .html were not written; npm run docs"));

            var bundle = YamlJson.ParseFile(bundlePath);
            failures.AddRange(ExternalReferences(bundle).Select(reference => $"docs/out/{name}.yaml still points outside itself: {reference}"));
            failures.AddRange(MissingSamples(bundle, spec).Select(sample => $"docs/out/{name}.yaml: {sample}"));

            var html = File.ReadAllText(htmlPath);
            failures.AddRange(NetworkLoads().Matches(html).Select(load => $"docs/out/{name}.html loads from the network: {load.Value}"));
            failures.AddRange(MissingSamples(EmbeddedJson(html, "__redoc_definition"), spec).Select(sample => $"docs/out/{name}.html: {sample}"));
            var options = EmbeddedJson(html, "__redoc_options");
            if (!(options["showExtensions"] as JArray ?? []).Any(extension => extension.ToString() == "x-quirk"))
            {
                failures.Add($"docs/out/{name}.html does not show the x-quirk extension (openapi.showExtensions in redocly.yaml): {options}");
            }

            var page = VisibleText(html);
            var source = YamlJson.ParseFile(Path.Combine(RepoPaths.Root, spec));
            failures.AddRange(QuirkIds(source).Distinct().Where(id => !page.Contains(id, StringComparison.Ordinal)).Select(id => $"docs/out/{name}.html does not show the quirk {id}"));
            failures.AddRange(new[] { "Signing", "HMAC-SHA256", "Changelog" }.Where(text => !page.Contains(text, StringComparison.Ordinal)).Select(text => $"docs/out/{name}.html does not show '{text}'"));

            var lintCopy = Path.Combine(lintRoot, spec);
            Directory.CreateDirectory(Path.GetDirectoryName(lintCopy)!);
            File.Copy(bundlePath, lintCopy);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        // The bundles in place of the specs, linted with the same config: Redocly validates every inlined sample
        // against its response schema (no-invalid-media-type-examples, which does not read externalValue files).
        File.Copy(Path.Combine(RepoPaths.Root, "redocly.yaml"), Path.Combine(lintRoot, "redocly.yaml"));
        var lint = await ToolProcess.RunAsync("node", [ToolProcess.RedoclyCli(Path.Combine(RepoPaths.Root, "node_modules")), "lint", "--config", "redocly.yaml"], lintRoot, Quiet);
        Assert.True(lint.ExitCode == 0, lint.Describe("redocly lint of the bundles (docs/out/*.yaml)"));
    }

    public static TheoryData<string> Specs => new(SpecSamples.AllSpecFiles().Select(SpecSamples.RepoRelative));

    [Theory]
    [MemberData(nameof(Specs))]
    public void Every_sample_is_an_example_of_its_response_and_every_quirk_id_is_unique_and_listed(string spec)
    {
        var document = YamlJson.ParseFile(Path.Combine(RepoPaths.Root, spec));
        var failures = new List<string>();

        var samples = SamplesOf(spec).ToDictionary(sample => $"./examples/{Path.GetFileName(sample)}", StringComparer.Ordinal);
        foreach (var (operationId, status, key, example) in Examples(document))
        {
            if (example["externalValue"]?.ToString() is not { } file)
            {
                continue;
            }

            var expected = $"./examples/{operationId}.{status}{(key == "seed" ? string.Empty : "." + key)}.json";
            if (file != expected)
            {
                failures.Add($"{operationId} {status} example '{key}' points at {file}; by its place and key it is {expected} (the seed sample's key is 'seed', a variant's key its variant).");
            }

            samples.Remove(file);
        }

        failures.AddRange(samples.Keys.Select(file => $"{file} is not an example of any response (add it under its response's content: examples: {{<variant or seed>: {{summary: …, externalValue: '{file}'}}}})."));

        var ids = QuirkIds(document).ToList();
        var description = document.SelectToken("info.description")?.ToString() ?? string.Empty;
        failures.AddRange(ids.GroupBy(id => id).Where(group => group.Count() > 1).Select(group => $"x-quirk id {group.Key} is used {group.Count()} times; ids must be unique (some validators read 'id' as a schema id)."));
        failures.AddRange(ids.Where(id => !description.Contains($"`{id}`", StringComparison.Ordinal)).Select(id => $"x-quirk id {id} is not listed in info.description's quirks (as `{id}`)."));

        Assert.True(ids.Count > 0, $"{spec} has no x-quirk; the check would mean nothing.");
        Assert.True(failures.Count == 0, $"{spec}:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    private static IEnumerable<string> SamplesOf(string spec) =>
        Directory.EnumerateFiles(Path.Combine(Path.GetDirectoryName(Path.Combine(RepoPaths.Root, spec))!, "examples"), "*.json");

    /// <summary>Every response example: operationId, status, key, example object.</summary>
    private static IEnumerable<(string OperationId, string Status, string Key, JObject Example)> Examples(JToken document) =>
        from path in (document["paths"] as JObject)?.Properties() ?? []
        from operation in (path.Value as JObject)?.Properties() ?? []
        where operation.Value is JObject { } op && op["operationId"] is not null
        from response in (operation.Value["responses"] as JObject)?.Properties() ?? []
        from media in (response.Value["content"] as JObject)?.Properties() ?? []
        from example in (media.Value["examples"] as JObject)?.Properties() ?? []
        select (operation.Value["operationId"]!.ToString(), response.Name, example.Name, (JObject)example.Value);

    /// <summary>What is wrong with the samples of <paramref name="spec"/> in a bundled document (none: each is inlined at its response).</summary>
    private static IEnumerable<string> MissingSamples(JToken document, string spec)
    {
        var examples = Examples(document).ToList();
        foreach (var sample in SamplesOf(spec))
        {
            var name = SampleName.TryParse(Path.GetFileName(sample));
            if (name is null)
            {
                continue;
            }

            var key = name.Variant ?? "seed";
            var found = examples.FirstOrDefault(e => e.OperationId == name.OperationId && e.Status == name.Status && e.Key == key).Example;
            if (found?["value"] is not { } value)
            {
                yield return $"no inlined example '{key}' at {name.OperationId} {name.Status} for {Path.GetFileName(sample)}";
            }
            else if (!SameJson(value, SpecSamples.ParseJson(File.ReadAllText(sample))))
            {
                yield return $"the example '{key}' at {name.OperationId} {name.Status} is not {Path.GetFileName(sample)}: {value.ToString(Formatting.None)}";
            }
        }
    }

    /// <summary>
    /// Equal JSON, numbers by value: JavaScript tools write the sample's <c>0E-18</c> back as <c>0</c> (the same number;
    /// only its notation differs), so the inlined example is compared by value, not by text.
    /// </summary>
    private static bool SameJson(JToken a, JToken b) => (a, b) switch
    {
        (JObject x, JObject y) => x.Count == y.Count && x.Properties().All(p => y[p.Name] is { } other && SameJson(p.Value, other)),
        (JArray x, JArray y) => x.Count == y.Count && x.Zip(y).All(pair => SameJson(pair.First, pair.Second)),
        (JValue { Type: JTokenType.Integer or JTokenType.Float } x, JValue { Type: JTokenType.Integer or JTokenType.Float } y) =>
            decimal.Parse(x.ToString(Formatting.None), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)
            == decimal.Parse(y.ToString(Formatting.None), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture),
        _ => JToken.DeepEquals(a, b),
    };

    private static IEnumerable<string> ExternalReferences(JToken token) =>
        ((JContainer)token).Descendants().OfType<JProperty>()
            .Where(property => property.Name == "externalValue" || (property.Name == "$ref" && !property.Value.ToString().StartsWith("#/", StringComparison.Ordinal)))
            .Select(property => $"{property.Path}: {property.Value}");

    private static IEnumerable<string> QuirkIds(JToken document) =>
        ((JContainer)document).Descendants().OfType<JProperty>().Where(property => property.Name == "x-quirk").Select(quirk => quirk.Value["id"]?.ToString() ?? "(no id)");

    /// <summary>A JSON value the page assigns to a constant (<c>const NAME = {…};</c>).</summary>
    private static JToken EmbeddedJson(string html, string name)
    {
        var at = html.IndexOf($"const {name} = ", StringComparison.Ordinal);
        Assert.True(at >= 0, $"The page has no 'const {name} = '; the build-docs template changed.");
        using var reader = new JsonTextReader(new StringReader(html[(at + name.Length + 9)..])) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    /// <summary>The prerendered page as a reader sees it without scripts: tags, scripts and styles removed, entities decoded.</summary>
    private static string VisibleText(string html)
    {
        var withoutCode = ScriptOrStyle().Replace(html, " ");
        return WebUtility.HtmlDecode(Whitespace().Replace(Tag().Replace(withoutCode, " "), " "));
    }

    // A script or stylesheet the browser fetches: <script src="http…">, <link … href="http…">, import … from "http…".
    [GeneratedRegex(@"<script[^>]*\bsrc=""https?:[^""]*""|<link[^>]*\bhref=""https?:[^""]*""|\bfrom\s*[""']https?:[^""']*[""']|\bimport\(\s*[""']https?:[^""']*[""']", RegexOptions.IgnoreCase)]
    private static partial Regex NetworkLoads();

    [GeneratedRegex(@"<(script|style)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
