using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using NSwag;

namespace GeneratedClients.Tests.Contract;

/// <summary>A sample's file name, <c>&lt;operationId&gt;.&lt;status&gt;[.&lt;variant&gt;].json</c>.</summary>
internal sealed partial record SampleName(string OperationId, string Status, string? Variant)
{
    public static SampleName? TryParse(string fileName)
    {
        var match = Pattern().Match(fileName);
        return match.Success
            ? new SampleName(match.Groups["op"].Value, match.Groups["status"].Value, match.Groups["variant"].Success ? match.Groups["variant"].Value : null)
            : null;
    }

    [GeneratedRegex(@"^(?<op>[A-Za-z][A-Za-z0-9_]*)\.(?<status>[1-5][0-9]{2}|default)(?:\.(?<variant>[a-z0-9]+(?:-[a-z0-9]+)*))?\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>
/// The specs (<c>specs/&lt;exchange&gt;/*.yaml</c>) and their wire samples (<c>specs/&lt;exchange&gt;/examples/*</c>).
/// A sample is named by its id, the path below <c>specs/</c> with forward slashes
/// (<c>bitget/examples/getSubAccountAssets.200.json</c>), so that every sample is its own test case.
/// </summary>
internal static class SpecSamples
{
    public const string JsonMediaType = "application/json";

    /// <summary>The schemas every spec shares (specs/shared: the decimal figure); not an exchange.</summary>
    public const string SharedDirectoryName = "shared";

    public static IEnumerable<string> ExchangeDirectories() =>
        Directory.EnumerateDirectories(RepoPaths.Specs).Where(directory => Path.GetFileName(directory) != SharedDirectoryName).Order(StringComparer.Ordinal);

    public static IEnumerable<string> SpecFiles(string exchangeDirectory) =>
        Directory.EnumerateFiles(exchangeDirectory, "*.yaml").Order(StringComparer.Ordinal);

    public static IEnumerable<string> AllSpecFiles() => ExchangeDirectories().SelectMany(SpecFiles);

    /// <summary>Every file in every examples folder, whatever its name (a badly named file must fail, not vanish).</summary>
    public static IEnumerable<string> AllSampleIds() =>
        ExchangeDirectories()
            .Select(exchange => Path.Combine(exchange, "examples"))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .Select(file => Path.GetRelativePath(RepoPaths.Specs, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static string Exchange(string sampleId) => sampleId.Split('/')[0];

    public static string FullPath(string sampleId) => Path.Combine(RepoPaths.Specs, sampleId);

    public static string RepoRelative(string path) => Path.GetRelativePath(RepoPaths.Root, path).Replace('\\', '/');

    public static SampleName Name(string sampleId) =>
        SampleName.TryParse(Path.GetFileName(sampleId))
        ?? throw new InvalidOperationException($"Sample {sampleId}: the file name does not read as <operationId>.<status>[.<variant>].json.");

    /// <summary>Reads JSON the way the wire is read: numbers as exact decimals, no date guessing.</summary>
    public static JToken ParseJson(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            FloatParseHandling = FloatParseHandling.Decimal,
            DateParseHandling = DateParseHandling.None,
        };
        return JToken.ReadFrom(reader);
    }

    public static JToken ReadSample(string sampleId) => ParseJson(File.ReadAllText(FullPath(sampleId)));

    /// <summary>
    /// The <c>application/json</c> schema of the response the sample's name points at, found by operationId in
    /// the specs of the sample's exchange. Fails when the operation, the status or the media type is not in a spec.
    /// </summary>
    /// <param name="strict">Forbid every property the schema does not describe (a fresh copy of the spec is changed).</param>
    public static async Task<JsonSchema> ResponseSchemaAsync(string sampleId, bool strict) => (await ResponseAsync(sampleId, strict)).Schema;

    /// <inheritdoc cref="ResponseSchemaAsync"/>
    /// <returns>The schema and, when it is one of components/schemas, its name (the generated model's class name).</returns>
    public static async Task<(JsonSchema Schema, string? ComponentName)> ResponseAsync(string sampleId, bool strict)
    {
        var name = Name(sampleId);
        var exchangeDirectory = Path.Combine(RepoPaths.Specs, Exchange(sampleId));
        var matches = new List<(string Spec, OpenApiDocument Document, OpenApiOperation Operation)>();
        foreach (var spec in SpecFiles(exchangeDirectory))
        {
            var loaded = await OpenApiYamlDocument.FromFileAsync(spec);
            matches.AddRange(loaded.Operations
                .Where(operation => operation.Operation.OperationId == name.OperationId)
                .Select(operation => (spec, loaded, operation.Operation)));
        }

        if (matches.Count != 1)
        {
            throw new InvalidOperationException(matches.Count == 0
                ? $"Sample {sampleId}: no spec in {RepoRelative(exchangeDirectory)} has operationId '{name.OperationId}'."
                : $"Sample {sampleId}: operationId '{name.OperationId}' is in several specs: {string.Join(", ", matches.Select(m => RepoRelative(m.Spec)))}.");
        }

        var (specPath, document, operation) = matches[0];
        var where = $"{RepoRelative(specPath)} operation '{name.OperationId}'";
        if (!operation.Responses.TryGetValue(name.Status, out var response))
        {
            throw new InvalidOperationException(
                $"Sample {sampleId}: {where} documents no response {name.Status} (it documents {string.Join(", ", operation.Responses.Keys)}).");
        }

        if (!response.ActualResponse.Content.TryGetValue(JsonMediaType, out var media) || media.Schema is null)
        {
            throw new InvalidOperationException($"Sample {sampleId}: {where} response {name.Status} has no {JsonMediaType} schema.");
        }

        var schema = media.Schema.ActualSchema;
        if (strict)
        {
            ForbidUndescribedProperties(schema, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }

        return (schema, document.Components.Schemas.FirstOrDefault(component => ReferenceEquals(component.Value, schema)).Key);
    }

    /// <summary>Validates JSON text; the errors, nested oneOf branch errors included, flattened.</summary>
    public static IReadOnlyList<ValidationError> Validate(JsonSchema schema, string json) => Flatten(schema.Validate(json)).ToList();

    public static string Describe(IEnumerable<ValidationError> errors) =>
        string.Join(Environment.NewLine, errors.Select(error => $"  {error.Path}: {error.Kind}" + (error.Property is null ? string.Empty : $" (property '{error.Property}')")));

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(error => error is ChildSchemaValidationError child
            ? child.Errors.Values.SelectMany(Flatten).Prepend(error)
            : [error]);

    // Why: NJsonSchema allows undescribed properties (OpenAPI's default); the specs promise to describe every
    // field the wire sends, so strict validation closes every object schema reachable from the response.
    private static void ForbidUndescribedProperties(JsonSchema schema, HashSet<object> seen)
    {
        if (!seen.Add(schema))
        {
            return;
        }

        // A lone allOf entry is how a figure refers to shared/decimal-figure.yaml beside its own description; that one part can be closed.
        if (schema.AllOf.Count > 1)
        {
            throw new NotSupportedException("Strict validation does not support allOf with several parts (closing each part would reject the other parts' properties).");
        }

        if (schema.Type.HasFlag(JsonObjectType.Object))
        {
            schema.AllowAdditionalProperties = false;
        }

        IEnumerable<JsonSchema?> children =
            [schema.Reference, schema.Item, schema.AdditionalPropertiesSchema, schema.Not, .. schema.Items, .. schema.AllOf, .. schema.OneOf, .. schema.AnyOf, .. schema.Properties.Values];
        foreach (var child in children.OfType<JsonSchema>())
        {
            ForbidUndescribedProperties(child, seen);
        }
    }
}
