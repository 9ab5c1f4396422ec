using GeneratedClients.Tests.Build;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GeneratedClients.Tests.SpecTooling;

/// <summary>
/// The project's own lint rules in redocly.yaml (rule/operation-id, rule/response-sample, rule/x-quirk-fields,
/// rule/property-type) report what they should and nothing else: small specs written to a temporary folder are linted
/// with the rules of the repository's redocly.yaml (its apis: left out). A clean fixture draws no problem from any
/// rule; each bad fixture breaks one thing and draws exactly its rule among the project rules, at the right place.
/// </summary>
public sealed class LintRuleTests : IDisposable
{
    private const string CleanSpec = """
        openapi: 3.0.3
        info:
          title: Lint fixture
          version: 1.0.0
          description: A small spec that every rule accepts.
          license:
            name: MIT
            url: https://opensource.org/licenses/MIT
        servers:
          - url: https://api.things.test
        security: []
        paths:
          /things:
            get:
              operationId: getThings
              summary: Get things
              parameters:
                - name: kind
                  in: query
                  required: false
                  schema:
                    type: string
                  x-quirk:
                    id: thing-kind-case
                    documented: lower case
                    observed: any case
                    handling: compare without case
              responses:
                '200':
                  description: The things.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Things'
                      examples:
                        seed:
                          summary: One thing
                          value:
                            items: [{name: a, amount: '1'}]
                '400':
                  description: Bad request.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Problem'
                      example:
                        code: bad
            post:
              operationId: addThing
              summary: Add a thing
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/Thing'
              responses:
                '204':
                  description: Added.
                '400':
                  description: Bad request.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Problem'
                      example:
                        code: bad
        components:
          schemas:
            Problem:
              type: object
              properties:
                code:
                  type: string
            Things:
              type: object
              properties:
                items:
                  type: array
                  items:
                    $ref: '#/components/schemas/Thing'
            Thing:
              type: object
              properties:
                name:
                  type: string
                amount:
                  description: An amount.
                  oneOf:
                    - type: string
                    - type: number
                  x-quirk:
                    id: thing-amount-either
                    documented: number
                    observed: string
                    handling: accept both
                other:
                  $ref: '#/components/schemas/Other'
                mixed:
                  description: Both.
                  allOf:
                    - $ref: '#/components/schemas/Other'
                    - type: object
                      properties:
                        more:
                          type: integer
                either:
                  description: One or the other.
                  anyOf:
                    - type: string
                    - type: integer
            Other:
              type: object
              properties:
                flag:
                  type: boolean
        """;

    /// <summary>A fixture: <see cref="CleanSpec"/> with one edit, the project rule it must draw, and where.</summary>
    private sealed record BadSpec(string From, string To, string Rule, string Pointer);

    private const string GetThings = "#/paths/~1things/get";
    private const string AmountQuirk = "#/components/schemas/Thing/properties/amount/x-quirk";

    private static readonly Dictionary<string, BadSpec> BadSpecs = new()
    {
        ["operation without operationId"] = new("      operationId: getThings\n", string.Empty, "rule/operation-id", $"{GetThings}/operationId"),
        ["operation with an empty operationId"] = new("operationId: getThings", "operationId: ''", "rule/operation-id", $"{GetThings}/operationId"),
        ["response without a sample"] = new("              example:\n                code: bad\n    post:", "    post:", "rule/response-sample", $"{GetThings}/responses/400/content/application~1json"),
        ["response with neither examples nor example"] = new(
            "              examples:\n                seed:\n                  summary: One thing\n                  value:\n                    items: [{name: a, amount: '1'}]\n",
            string.Empty,
            "rule/response-sample",
            $"{GetThings}/responses/200/content/application~1json"),
        ["x-quirk without handling"] = new("            handling: accept both\n", string.Empty, "rule/x-quirk-fields", AmountQuirk),
        ["x-quirk without id"] = new("            id: thing-amount-either\n", string.Empty, "rule/x-quirk-fields", AmountQuirk),
        ["x-quirk whose observed is YAML null"] = new("            observed: string\n", "            observed: null\n", "rule/x-quirk-fields", $"{AmountQuirk}/observed"),
        ["x-quirk with an empty documented"] = new("            documented: number\n", "            documented: ''\n", "rule/x-quirk-fields", $"{AmountQuirk}/documented"),
        ["x-quirk with an id that is not kebab-case"] = new("id: thing-amount-either", "id: Thing Amount", "rule/x-quirk-fields", $"{AmountQuirk}/id"),
        ["x-quirk on a parameter without observed"] = new("            observed: any case\n", string.Empty, "rule/x-quirk-fields", $"{GetThings}/parameters/0/x-quirk"),
        ["property without a type"] = new("        name:\n          type: string\n", "        name:\n          description: No type.\n", "rule/property-type", "#/components/schemas/Thing/properties/name"),
        ["nested property without a type"] = new("        flag:\n          type: boolean", "        flag:\n          description: No type.", "rule/property-type", "#/components/schemas/Other/properties/flag"),
    };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "GeneratedClients.Lint." + Guid.NewGuid().ToString("N"));

    public LintRuleTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Each_project_rule_reports_its_own_violation_and_a_clean_spec_draws_nothing()
    {
        await ToolProcess.EnsureNodeModulesAsync();
        File.WriteAllText(Path.Combine(_directory, "redocly.yaml"), RulesOnlyConfig());
        var files = new Dictionary<string, string> { ["clean.yaml"] = CleanSpec };
        foreach (var (name, bad) in BadSpecs)
        {
            files[FileName(name)] = ReplaceOnce(CleanSpec, bad.From, bad.To, name);
        }

        foreach (var (file, yaml) in files)
        {
            File.WriteAllText(Path.Combine(_directory, file), yaml);
        }

        var problems = await LintAsync(files.Keys);

        Assert.True(problems["clean.yaml"].Count == 0, "The clean fixture draws problems:\n" + string.Join('\n', problems["clean.yaml"]));
        var failures = new List<string>();
        foreach (var (name, bad) in BadSpecs)
        {
            var reported = problems[FileName(name)];
            var projectRules = reported.Where(problem => problem.Rule.StartsWith("rule/", StringComparison.Ordinal)).ToList();
            if (!projectRules.Any(problem => problem.Rule == bad.Rule && problem.Pointer == bad.Pointer))
            {
                failures.Add($"{name}: expected {bad.Rule} at {bad.Pointer}; reported: {Show(reported)}");
            }
            else if (projectRules.Any(problem => problem.Rule != bad.Rule))
            {
                failures.Add($"{name}: other project rules reported too: {Show(projectRules)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void The_project_rules_are_errors_in_the_repository_config()
    {
        var rules = YamlJson.ParseFile(Path.Combine(RepoPaths.Root, "redocly.yaml"))["rules"] as JObject;

        foreach (var rule in BadSpecs.Values.Select(bad => bad.Rule).Distinct())
        {
            Assert.True(rules?[rule] is JObject definition && definition["severity"]?.ToString() == "error", $"redocly.yaml: {rule} is missing or not severity: error.");
        }
    }

    private sealed record Problem(string Rule, string Pointer, string Message)
    {
        public override string ToString() => $"{Rule} at {Pointer}: {Message}";
    }

    private static string Show(IEnumerable<Problem> problems) => problems.Any() ? string.Join("; ", problems) : "(nothing)";

    private static string FileName(string caseName) => string.Concat(caseName.Select(c => char.IsLetterOrDigit(c) ? c : '-')) + ".yaml";

    /// <summary>Lints the files in one run (JSON output: one object per file, in order) and groups the problems by file.</summary>
    private async Task<Dictionary<string, List<Problem>>> LintAsync(IEnumerable<string> files)
    {
        var names = files.ToList();
        var cli = ToolProcess.RedoclyCli(Path.Combine(RepoPaths.Root, "node_modules"));
        var environment = new Dictionary<string, string?> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" };
        var outputFile = Path.Combine(_directory, "lint.json");

        // The JSON goes to stdout, the banners and progress to stderr: a shell keeps them apart.
        var lint = await ToolProcess.RunAsync(
            "sh",
            ["-c", "node \"$0\" lint \"$@\" --config redocly.yaml --format=json > lint.json", cli, .. names],
            _directory,
            environment);

        Assert.True(lint.ExitCode is 0 or 1, lint.Describe("redocly lint"));
        var problems = names.ToDictionary(name => name, _ => new List<Problem>());
        using var reader = new JsonTextReader(new StringReader(File.ReadAllText(outputFile))) { SupportMultipleContent = true };
        while (await reader.ReadAsync())
        {
            var result = await JObject.LoadAsync(reader);
            foreach (var problem in (result["problems"] as JArray) ?? [])
            {
                var location = problem["location"]?[0];
                var file = Path.GetFileName(location?["source"]?["ref"]?.ToString() ?? string.Empty);
                Assert.True(problems.ContainsKey(file), $"redocly reported a problem in an unknown file '{file}': {problem}");
                problems[file].Add(new Problem(problem["ruleId"]?.ToString() ?? "?", location?["pointer"]?.ToString() ?? "?", problem["message"]?.ToString() ?? string.Empty));
            }
        }

        return problems;
    }

    /// <summary>The repository's redocly.yaml without its apis: (which name the real specs), so its rules apply to any file.</summary>
    private static string RulesOnlyConfig()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "redocly.yaml")).ToList();
        var apis = lines.IndexOf("apis:");
        Assert.True(apis >= 0, "redocly.yaml has no top-level 'apis:' to leave out.");
        var end = lines.FindIndex(apis + 1, line => line.Length > 0 && !char.IsWhiteSpace(line[0]) && !line.StartsWith('#'));
        lines.RemoveRange(apis, (end < 0 ? lines.Count : end) - apis);
        return string.Join('\n', lines) + "\n";
    }

    private static string ReplaceOnce(string text, string from, string to, string caseName)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(from, at + 1, StringComparison.Ordinal) < 0, $"{caseName}: the clean fixture must contain exactly once:\n{from}");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }
}
