using System.Text;
using System.Text.RegularExpressions;
using GeneratedClients.Tests.Contract;
using Xunit.Abstractions;

namespace GeneratedClients.Tests.SpecTooling;

/// <summary>
/// The breaking-change guard. Every spec has a committed summary of its published surface beside it
/// (<c>specs/&lt;exchange&gt;/&lt;spec&gt;.surface.txt</c>, see <see cref="SpecSurface"/>). When the spec's surface differs,
/// the test says what changed, whether it breaks or only extends consumers, and whether info.version was bumped
/// accordingly (breaking: major; extending: minor) against the version recorded in the summary. Accept a change by
/// bumping info.version (and the changelog), then running with UPDATE_SPEC_SURFACE=1, which rewrites the summary
/// unless the version is wrong for the change.
/// </summary>
public sealed partial class SpecSurfaceTests(ITestOutputHelper output)
{
    private const string UpdateVariable = "UPDATE_SPEC_SURFACE";

    public static TheoryData<string> Specs => new(SpecSamples.AllSpecFiles().Select(SpecSamples.RepoRelative));

    [Theory]
    [MemberData(nameof(Specs))]
    public void The_committed_surface_summary_matches_the_spec(string spec)
    {
        var specPath = Path.Combine(RepoPaths.Root, spec);
        var summaryPath = Path.ChangeExtension(specPath, ".surface.txt");
        var summary = SpecSamples.RepoRelative(summaryPath);
        var current = SpecSurface.FromSpec(YamlJson.ParseSpecFile(specPath));
        var currentText = current.Format(spec);
        var committedText = File.Exists(summaryPath) ? File.ReadAllText(summaryPath) : null;
        var committed = committedText is null ? null : SpecSurface.Parse(committedText);
        var changes = committed is null ? [] : SpecSurface.Compare(committed, current);
        var versionProblem = committed is null ? SpecSurface.VersionProblem(current.Version, current.Version, []) : SpecSurface.VersionProblem(committed.Version, current.Version, changes);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Assert.True(versionProblem is null, Report(spec, summary, committed, current, changes, versionProblem) + $"{UpdateVariable}=1 does not rewrite {summary} until the version is right.");
            if (committedText != currentText)
            {
                File.WriteAllText(summaryPath, currentText);
                output.WriteLine($"{UpdateVariable}=1: rewrote {summary}; review its diff and commit it with the spec.");
                output.WriteLine(Report(spec, summary, committed, current, changes, versionProblem));
            }

            return;
        }

        Assert.True(committedText is not null, $"{spec} has no surface summary ({summary}). Create it: {UpdateVariable}=1 dotnet test GeneratedClients.sln --filter {nameof(SpecSurfaceTests)}, then commit it.");
        Assert.True(committedText == currentText, Report(spec, summary, committed, current, changes, versionProblem));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void The_changelog_has_an_entry_for_info_version(string spec)
    {
        var document = YamlJson.ParseFile(Path.Combine(RepoPaths.Root, spec));
        var version = document.SelectToken("info.version")?.ToString() ?? string.Empty;
        var description = document.SelectToken("info.description")?.ToString() ?? string.Empty;

        Assert.True(SemVersion.TryParse(version) is not null, $"{spec}: info.version '{version}' is not MAJOR.MINOR.PATCH.");
        var changelog = description.IndexOf("## Changelog", StringComparison.Ordinal);
        Assert.True(changelog >= 0, $"{spec}: info.description has no '## Changelog' section.");
        Assert.True(
            description.IndexOf($"- **{version}**", changelog, StringComparison.Ordinal) >= 0,
            $"{spec}: the changelog in info.description has no entry '- **{version}**: …' for info.version {version}.");
    }

    [Fact]
    public void A_field_removed_from_a_real_spec_is_reported_as_breaking_and_needs_a_major_version()
    {
        var spec = Path.Combine(RepoPaths.Specs, "bitget", "mix-account.yaml");
        var committed = SpecSurface.FromSpec(YamlJson.ParseSpecFile(spec));
        var yaml = File.ReadAllText(spec);
        var coupon = CouponProperty().Match(yaml);
        Assert.True(coupon.Success, "The Bitget spec no longer has the coupon property this test removes.");

        var edited = SpecSurface.FromSpec(YamlJson.InlineFileReferences(YamlJson.Parse(yaml.Remove(coupon.Index, coupon.Length)), Path.GetDirectoryName(spec)!));
        var changes = SpecSurface.Compare(committed, edited);

        var change = Assert.Single(changes);
        Assert.Equal(SurfaceImpact.Breaking, change.Impact);
        Assert.Equal("removed: response field getSubAccountAssets 200 $.data[].assetList[].coupon", change.Description);
        var nextMajor = int.Parse(committed.Version.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture) + 1;
        Assert.Contains($"set info.version to {nextMajor}.0.0", SpecSurface.VersionProblem(committed.Version, committed.Version, changes), StringComparison.Ordinal);
    }

    // The coupon property of BitgetFuturesAsset: its name line and every more-indented line after it.
    [GeneratedRegex(@"^ {8}coupon:\n(?: {10,}.*\n)+", RegexOptions.Multiline)]
    private static partial Regex CouponProperty();

    private const string BaseSpec = """
        openapi: 3.0.3
        info:
          title: Surface fixture
          version: 1.0.0
        paths:
          /things:
            get:
              operationId: getThings
              parameters:
                - name: kind
                  in: query
                  required: false
                  schema:
                    type: string
                    enum: [a, b]
              responses:
                '200':
                  description: The things.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Things'
          /things/{id}:
            post:
              operationId: postThing
              parameters:
                - name: id
                  in: path
                  required: true
                  schema:
                    type: integer
                    format: int64
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [name]
                      properties:
                        name:
                          type: string
                        note:
                          type: string
                          nullable: true
              responses:
                '200':
                  description: Stored.
        components:
          schemas:
            Things:
              type: object
              required: [status, items]
              properties:
                status:
                  type: string
                  enum: [ok, error]
                count:
                  type: integer
                  format: int32
                items:
                  type: array
                  items:
                    type: object
                    required: [amount]
                    properties:
                      amount:
                        type: string
                        format: decimal
                      state:
                        type: string
                        x-extensible-enum: [open, closed]
        """;

    /// <summary>An edit of <see cref="BaseSpec"/> (each From occurs exactly once) and the one change it must cause.</summary>
    private sealed record Edit(string From, string To, SurfaceImpact Impact, string Description);

    private static readonly Dictionary<string, Edit> Edits = new()
    {
        ["operation removed"] = new(
            "  /things/{id}:\n    post:\n",
            "  /things/{id}:\n    x-post:\n",
            SurfaceImpact.Breaking,
            "removed: operation postThing (POST /things/{id})"),
        ["operation added"] = new(
            "  /things/{id}:\n",
            "  /other:\n    delete:\n      operationId: deleteOther\n      responses:\n        '204':\n          description: Gone.\n  /things/{id}:\n",
            SurfaceImpact.Extending,
            "added: operation deleteOther (DELETE /other)"),
        ["operation moved"] = new(
            "  /things/{id}:\n",
            "  /thing/{id}:\n",
            SurfaceImpact.Breaking,
            "operation postThing (POST /thing/{id}): path changed from /things/{id} to /thing/{id}"),
        ["optional parameter added"] = new(
            "      parameters:\n        - name: kind\n",
            "      parameters:\n        - name: page\n          in: query\n          schema:\n            type: integer\n        - name: kind\n",
            SurfaceImpact.Extending,
            "added: parameter getThings query page (optional)"),
        ["required parameter added"] = new(
            "      parameters:\n        - name: kind\n",
            "      parameters:\n        - name: X-Tenant\n          in: header\n          required: true\n          schema:\n            type: string\n        - name: kind\n",
            SurfaceImpact.Breaking,
            "added: parameter getThings header X-Tenant (required)"),
        ["parameter removed"] = new(
            "        - name: kind\n          in: query\n          required: false\n          schema:\n            type: string\n            enum: [a, b]\n",
            "",
            SurfaceImpact.Breaking,
            "removed: parameter getThings query kind"),
        ["parameter became required"] = new(
            "          in: query\n          required: false\n",
            "          in: query\n          required: true\n",
            SurfaceImpact.Breaking,
            "parameter getThings query kind became required"),
        ["parameter became optional"] = new(
            "          in: path\n          required: true\n",
            "          in: path\n          required: false\n",
            SurfaceImpact.Extending,
            "parameter postThing path id became optional"),
        ["parameter enum value removed"] = new(
            "enum: [a, b]",
            "enum: [a]",
            SurfaceImpact.Breaking,
            "parameter getThings query kind: enum value b removed"),
        ["parameter enum value added"] = new(
            "enum: [a, b]",
            "enum: [a, b, c]",
            SurfaceImpact.Extending,
            "parameter getThings query kind: enum value c added"),
        ["parameter retyped"] = new(
            "            type: integer\n            format: int64\n",
            "            type: string\n",
            SurfaceImpact.Breaking,
            "parameter postThing path id: type changed from integer(int64) to string"),
        ["required request field added"] = new(
            "              required: [name]\n              properties:\n",
            "              required: [name, owner]\n              properties:\n                owner:\n                  type: string\n",
            SurfaceImpact.Breaking,
            "added: request field postThing $.owner (required)"),
        ["optional request field added"] = new(
            "                note:\n",
            "                tag:\n                  type: string\n                note:\n",
            SurfaceImpact.Extending,
            "added: request field postThing $.tag (optional)"),
        ["request field no longer nullable"] = new(
            "                  nullable: true\n",
            "",
            SurfaceImpact.Breaking,
            "request field postThing $.note became non-nullable"),
        ["request body became optional"] = new(
            "        required: true\n        content:\n",
            "        required: false\n        content:\n",
            SurfaceImpact.Extending,
            "request body of postThing became optional"),
        ["response field removed"] = new(
            "        count:\n          type: integer\n          format: int32\n",
            "",
            SurfaceImpact.Breaking,
            "removed: response field getThings 200 $.count"),
        ["response field added"] = new(
            "        count:\n",
            "        total:\n          type: integer\n        count:\n",
            SurfaceImpact.Extending,
            "added: response field getThings 200 $.total (optional)"),
        ["response field retyped"] = new(
            "                format: decimal\n",
            "                format: double\n",
            SurfaceImpact.Breaking,
            "response field getThings 200 $.items[].amount: type changed from string(decimal) to string(double)"),
        ["response field became optional"] = new(
            "required: [amount]",
            "required: []",
            SurfaceImpact.Breaking,
            "response field getThings 200 $.items[].amount became optional"),
        ["response field became required"] = new(
            "required: [status, items]",
            "required: [status, items, count]",
            SurfaceImpact.Extending,
            "response field getThings 200 $.count became required"),
        ["response field became nullable"] = new(
            "          format: int32\n",
            "          format: int32\n          nullable: true\n",
            SurfaceImpact.Breaking,
            "response field getThings 200 $.count became nullable"),
        ["response enum value added"] = new(
            "enum: [ok, error]",
            "enum: [ok, error, partial]",
            SurfaceImpact.Breaking,
            "response field getThings 200 $.status: enum value partial added"),
        ["response enum value removed"] = new(
            "enum: [ok, error]",
            "enum: [ok]",
            SurfaceImpact.Breaking,
            "response field getThings 200 $.status: enum value error removed"),
        ["open enum value added"] = new(
            "x-extensible-enum: [open, closed]",
            "x-extensible-enum: [open, closed, frozen]",
            SurfaceImpact.Extending,
            "response field getThings 200 $.items[].state: the open set of known values changed from [closed,open] to [closed,frozen,open]"),
        ["response status added"] = new(
            "        '200':\n          description: Stored.\n",
            "        '200':\n          description: Stored.\n        '409':\n          description: Conflict.\n          content:\n            application/json:\n              schema:\n                type: object\n                required: [reason]\n                properties:\n                  reason:\n                    type: string\n",
            SurfaceImpact.Extending,
            "added: response postThing 409"),
        ["component schema renamed"] = new(
            "$ref: '#/components/schemas/Things'",
            "$ref: '#/components/schemas/ThingList'",
            SurfaceImpact.Breaking,
            "response field getThings 200 $: schema Things became ThingList"),
    };

    public static TheoryData<string> EditCases => new(Edits.Keys);

    [Theory]
    [MemberData(nameof(EditCases))]
    public void The_classifier_tells_breaking_from_extending(string edit)
    {
        var (from, to, impact, description) = Edits[edit];
        var before = SpecSurface.FromYaml(BaseSpec);
        var afterYaml = ReplaceOnce(BaseSpec, from, to);
        if (edit == "component schema renamed")
        {
            afterYaml = ReplaceOnce(afterYaml, "    Things:\n", "    ThingList:\n");
        }

        var changes = SpecSurface.Compare(before, SpecSurface.FromYaml(afterYaml));

        var change = Assert.Single(changes);
        Assert.True(change.Impact == impact, $"{edit}: expected {impact}, got {change.Impact}: {change.Description}");
        Assert.Contains(description, change.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_field_is_reported_once_with_what_it_held_and_an_unchanged_spec_has_no_change()
    {
        var before = SpecSurface.FromYaml(BaseSpec);
        var withoutItems = ReplaceOnce(BaseSpec, "        items:\n          type: array\n          items:\n            type: object\n            required: [amount]\n            properties:\n              amount:\n                type: string\n                format: decimal\n              state:\n                type: string\n                x-extensible-enum: [open, closed]", string.Empty);

        var changes = SpecSurface.Compare(before, SpecSurface.FromYaml(withoutItems));

        Assert.Equal(["removed: response field getThings 200 $.items"], changes.Select(change => change.Description));
        Assert.Empty(SpecSurface.Compare(before, SpecSurface.FromYaml(BaseSpec)));
    }

    [Fact]
    public void The_summary_text_reads_back_to_the_same_surface()
    {
        var surface = SpecSurface.FromYaml(BaseSpec.Replace("enum: [a, b]", "enum: ['a b', 'c,d', '50%']", StringComparison.Ordinal));

        var text = surface.Format("fixture.yaml");
        var read = SpecSurface.Parse(text);

        Assert.Equal("1.0.0", read.Version);
        Assert.Empty(SpecSurface.Compare(surface, read));
        Assert.Equal(text, read.Format("fixture.yaml"));
        Assert.Contains("parameter getThings query:kind required=no type=string nullable=no enum=50%25,a%20b,c%2Cd", text, StringComparison.Ordinal);
        Assert.Contains("response-field getThings 200 $.items[].amount required=yes type=string(decimal) nullable=no", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.0.0", "1.0.0", "none", null)]
    [InlineData("1.0.0", "1.0.1", "none", null)]
    [InlineData("1.0.0", "1.1.0", "extending", null)]
    [InlineData("1.0.0", "2.0.0", "extending", null)]
    [InlineData("1.0.0", "1.0.1", "extending", "set info.version to 1.1.0")]
    [InlineData("1.0.0", "2.0.0", "breaking", null)]
    [InlineData("1.4.2", "1.5.0", "breaking", "set info.version to 2.0.0")]
    [InlineData("1.0.0", "1.0.1", "breaking", "set info.version to 2.0.0")]
    [InlineData("1.2.0", "1.1.9", "none", "went back")]
    [InlineData("1.0.0", "1.1", "none", "not a SemVer version")]
    [InlineData("2.0.0", "2.0.0-rc.1", "none", "went back")]
    public void The_version_must_follow_the_change(string recorded, string current, string change, string? problem)
    {
        IReadOnlyList<SurfaceChange> changes = change switch
        {
            "breaking" => [new(SurfaceImpact.Extending, "added"), new(SurfaceImpact.Breaking, "removed")],
            "extending" => [new(SurfaceImpact.Extending, "added")],
            _ => [],
        };

        var actual = SpecSurface.VersionProblem(recorded, current, changes);

        if (problem is null)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.Contains(problem, actual, StringComparison.Ordinal);
        }
    }

    private static string Report(string spec, string summary, SpecSurface? committed, SpecSurface current, IReadOnlyList<SurfaceChange> changes, string? versionProblem)
    {
        var text = new StringBuilder();
        text.AppendLine($"{spec}: its published surface differs from {summary} (recorded at version {committed?.Version ?? "(none)"}; the spec says {current.Version}).");
        var breaking = changes.Where(change => change.Impact == SurfaceImpact.Breaking).ToList();
        var extending = changes.Where(change => change.Impact == SurfaceImpact.Extending).ToList();
        if (breaking.Count > 0)
        {
            text.AppendLine($"BREAKING: consumers of {committed?.Version} can fail ({breaking.Count}):");
            breaking.ForEach(change => text.AppendLine("  - " + change.Description));
        }

        if (extending.Count > 0)
        {
            text.AppendLine($"EXTENDING: existing consumers keep working ({extending.Count}):");
            extending.ForEach(change => text.AppendLine("  - " + change.Description));
        }

        if (changes.Count == 0)
        {
            text.AppendLine(committed is not null && committed.Version != current.Version
                ? $"No change to the surface; only info.version changed ({committed.Version} -> {current.Version}: a documentation or sample change is a patch)."
                : "No change to the surface; the summary's text differs (edited by hand?).");
        }

        text.AppendLine(versionProblem is null
            ? $"Version: {current.Version} is right for this change."
            : $"Version: {versionProblem}");
        text.AppendLine($"To accept: bump info.version (breaking: major, extending: minor, documentation or samples: patch), add a '- **<version>**: …' line to the '## Changelog' of info.description, then run {UpdateVariable}=1 dotnet test GeneratedClients.sln --filter {nameof(SpecSurfaceTests)} and commit {summary} with the spec.");
        return text.ToString();
    }

    private static string ReplaceOnce(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(from, at + 1, StringComparison.Ordinal) < 0, $"The fixture must contain exactly once:\n{from}");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }
}
