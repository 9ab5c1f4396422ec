using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace GeneratedClients.Tests.SpecTooling;

/// <summary>What a change to a spec's published surface does to the consumers of the previous version.</summary>
internal enum SurfaceImpact
{
    /// <summary>Existing consumers keep working (new optional inputs, new outputs, new operations): a minor version.</summary>
    Extending,

    /// <summary>A consumer of the previous version can fail: a major version.</summary>
    Breaking,
}

internal sealed record SurfaceChange(SurfaceImpact Impact, string Description);

/// <summary>
/// One line of a surface summary: <c>&lt;kind&gt; &lt;key…&gt; &lt;attribute&gt;=&lt;value&gt;…</c>. Kinds and their keys:
/// <c>operation &lt;operationId&gt;</c>, <c>parameter &lt;operationId&gt; &lt;in&gt;:&lt;name&gt;</c>,
/// <c>request-body &lt;operationId&gt;</c>, <c>request-field &lt;operationId&gt; &lt;path&gt;</c>,
/// <c>response &lt;operationId&gt; &lt;status&gt;</c>, <c>response-field &lt;operationId&gt; &lt;status&gt; &lt;path&gt;</c>.
/// A field path starts at the body (<c>$</c>); <c>.name</c> is a property, <c>[]</c> an array's items, <c>{}</c> a map's values.
/// </summary>
internal sealed record SurfaceEntry(string Kind, IReadOnlyList<string> Key, IReadOnlyDictionary<string, string> Attributes)
{
    public const string Operation = "operation";
    public const string Parameter = "parameter";
    public const string RequestBody = "request-body";
    public const string RequestField = "request-field";
    public const string Response = "response";
    public const string ResponseField = "response-field";

    /// <summary>The number of key tokens of each kind.</summary>
    public static readonly IReadOnlyDictionary<string, int> KeyLength = new Dictionary<string, int>
    {
        [Operation] = 1,
        [Parameter] = 2,
        [RequestBody] = 1,
        [RequestField] = 2,
        [Response] = 2,
        [ResponseField] = 3,
    };

    /// <summary>Attributes whose value is a comma-separated list of items escaped one by one (written as they are).</summary>
    public static readonly IReadOnlySet<string> ListAttributes = new HashSet<string>(StringComparer.Ordinal) { "security", "enum", "open-enum", "media" };

    /// <summary>The order attributes are written in (any other attribute follows, by name).</summary>
    private static readonly string[] AttributeOrder = ["method", "path", "security", "required", "type", "nullable", "enum", "open-enum", "ref", "media", "recursive"];

    public string Id => Kind + " " + string.Join(' ', Key);

    /// <summary>The entry this one belongs to (a field's parent field, a body's operation), or null for an operation.</summary>
    public string? ParentId => Kind switch
    {
        Parameter or RequestBody or Response => $"{Operation} {Key[0]}",
        RequestField => ParentPath(Key[1]) is { } parent ? $"{RequestField} {Key[0]} {parent}" : $"{RequestBody} {Key[0]}",
        ResponseField => ParentPath(Key[2]) is { } parent ? $"{ResponseField} {Key[0]} {Key[1]} {parent}" : $"{Response} {Key[0]} {Key[1]}",
        _ => null,
    };

    public string Attribute(string name) => Attributes.TryGetValue(name, out var value) ? value : string.Empty;

    public string Format()
    {
        var text = new StringBuilder(Kind);
        foreach (var token in Key)
        {
            text.Append(' ').Append(SurfaceText.Escape(token));
        }

        foreach (var name in Attributes.Keys.OrderBy(name => Array.IndexOf(AttributeOrder, name) is var at and >= 0 ? at : AttributeOrder.Length).ThenBy(name => name, StringComparer.Ordinal))
        {
            var value = Attributes[name];
            text.Append(' ').Append(name).Append('=').Append(ListAttributes.Contains(name) ? value : SurfaceText.Escape(value));
        }

        return text.ToString();
    }

    /// <summary>How a change message names this entry: its kind, then where it is.</summary>
    public string Describe() => Kind switch
    {
        Operation => $"operation {Key[0]} ({Attribute("method")} {Attribute("path")})",
        Parameter => $"parameter {Key[0]} {Key[1].Replace(":", " ", StringComparison.Ordinal)}",
        RequestBody => $"request body of {Key[0]}",
        RequestField => $"request field {Key[0]} {Key[1]}",
        Response => $"response {Key[0]} {Key[1]}",
        ResponseField => $"response field {Key[0]} {Key[1]} {Key[2]}",
        _ => Id,
    };

    private static string? ParentPath(string path)
    {
        if (path == "$")
        {
            return null;
        }

        if (path.EndsWith("[]", StringComparison.Ordinal) || path.EndsWith("{}", StringComparison.Ordinal))
        {
            return path[..^2];
        }

        var dot = path.LastIndexOf('.');
        return dot > 0 ? path[..dot] : "$";
    }
}

/// <summary>
/// The published surface of one OpenAPI spec: its operations (method, path, operationId, security), their parameters
/// (location, required, type, enum), request body fields and response fields per status (type and format, required,
/// nullable, enum values, open enums, the component schema behind them). Built from the YAML, written to and read
/// from a reviewable text file (<c>specs/&lt;exchange&gt;/&lt;spec&gt;.surface.txt</c>), and compared with
/// <see cref="Compare"/>, which says whether a change breaks or extends the consumers of the previous version.
/// Descriptions, examples, constraints (pattern, length, range), servers and vendor extensions other than
/// <c>x-extensible-enum</c> are documentation, not surface.
/// </summary>
internal sealed class SpecSurface(string version, IReadOnlyList<SurfaceEntry> entries)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public string Version { get; } = version;

    public IReadOnlyList<SurfaceEntry> Entries { get; } = entries;

    public static SpecSurface FromYaml(string yaml) => FromSpec(YamlJson.Parse(yaml));

    public static SpecSurface FromSpec(JToken spec)
    {
        var builder = new Builder(spec);
        return new SpecSurface(spec.SelectToken("info.version")?.ToString() ?? string.Empty, builder.Build());
    }

    /// <summary>The summary file's text: a header, the version, one line per entry.</summary>
    public string Format(string specPath)
    {
        var text = new StringBuilder();
        text.Append("# The published surface of ").Append(specPath).Append(" (generated from the spec by SpecSurfaceTests; do not edit).\n");
        text.Append("# A test compares it with the spec and says whether a change breaks or extends consumers; after bumping\n");
        text.Append("# info.version accordingly, UPDATE_SPEC_SURFACE=1 dotnet test rewrites it. Review its diff like code.\n");
        text.Append("version ").Append(SurfaceText.Escape(Version)).Append('\n');
        foreach (var entry in Entries)
        {
            text.Append(entry.Format()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reads a summary written by <see cref="Format"/>.</summary>
    public static SpecSurface Parse(string text)
    {
        var version = string.Empty;
        var entries = new List<SurfaceEntry>();
        var lineNumber = 0;
        foreach (var raw in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens[0] == "version" && tokens.Length == 2)
            {
                version = SurfaceText.Unescape(tokens[1]);
                continue;
            }

            if (!SurfaceEntry.KeyLength.TryGetValue(tokens[0], out var keyLength) || tokens.Length < 1 + keyLength)
            {
                throw new FormatException($"Line {lineNumber}: not a surface entry: {line}");
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var token in tokens.Skip(1 + keyLength))
            {
                var equals = token.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new FormatException($"Line {lineNumber}: '{token}' is not attribute=value: {line}");
                }

                var (name, value) = (token[..equals], token[(equals + 1)..]);
                attributes[name] = SurfaceEntry.ListAttributes.Contains(name) ? value : SurfaceText.Unescape(value);
            }

            entries.Add(new SurfaceEntry(tokens[0], tokens.Skip(1).Take(keyLength).Select(SurfaceText.Unescape).ToList(), attributes));
        }

        return new SpecSurface(version, entries);
    }

    /// <summary>
    /// Every difference between two surfaces, classified. Inputs (parameters, request fields) break consumers when
    /// they are removed, become required, are retyped, lose an enum value or gain an enum, or stop accepting null;
    /// they extend when they are added optional, become optional, gain an enum value or accept null. Outputs (response
    /// fields) break consumers when they are removed, retyped, become optional or nullable, or their enum changes in any
    /// way (a reader with a closed enum fails on a new value; a removed value removes a member of the generated enum);
    /// they extend when they are added or become required or non-nullable. Open enums (x-extensible-enum) only extend.
    /// Operations break when removed or moved (method, path, security); a renamed component schema breaks generated
    /// clients (their type names change) although the wire is the same. What belongs to an added or removed entry
    /// (the fields of a new response, the parameters of a removed operation) is reported with it, not again.
    /// </summary>
    public static IReadOnlyList<SurfaceChange> Compare(SpecSurface before, SpecSurface after)
    {
        var old = before.Entries.ToDictionary(entry => entry.Id, StringComparer.Ordinal);
        var current = after.Entries.ToDictionary(entry => entry.Id, StringComparer.Ordinal);
        var changes = new List<SurfaceChange>();

        foreach (var entry in before.Entries.Where(entry => !current.ContainsKey(entry.Id)))
        {
            if (entry.ParentId is { } parent && old.ContainsKey(parent) && !current.ContainsKey(parent))
            {
                continue;
            }

            changes.Add(new SurfaceChange(SurfaceImpact.Breaking, $"removed: {entry.Describe()}"));
        }

        foreach (var entry in after.Entries.Where(entry => !old.ContainsKey(entry.Id)))
        {
            if (entry.ParentId is { } parent && current.ContainsKey(parent) && !old.ContainsKey(parent))
            {
                continue;
            }

            var required = entry.Attribute("required") == "yes";
            var breaks = required && entry.Kind is SurfaceEntry.Parameter or SurfaceEntry.RequestBody or SurfaceEntry.RequestField;
            changes.Add(new SurfaceChange(
                breaks ? SurfaceImpact.Breaking : SurfaceImpact.Extending,
                $"added: {entry.Describe()}{(entry.Kind is SurfaceEntry.Operation or SurfaceEntry.Response ? string.Empty : required ? " (required)" : " (optional)")}"));
        }

        foreach (var entry in after.Entries.Where(entry => old.ContainsKey(entry.Id)))
        {
            changes.AddRange(CompareAttributes(old[entry.Id], entry));
        }

        return changes;
    }

    /// <summary>
    /// Null when <paramref name="current"/> is a correct SemVer successor of <paramref name="recorded"/> for these
    /// changes (breaking: a new major; extending: at least a new minor; none: anything not lower), else what to do.
    /// </summary>
    public static string? VersionProblem(string recorded, string current, IReadOnlyList<SurfaceChange> changes)
    {
        if (SemVersion.TryParse(current) is not { } now)
        {
            return $"info.version '{current}' is not a SemVer version (MAJOR.MINOR.PATCH).";
        }

        if (SemVersion.TryParse(recorded) is not { } then)
        {
            return null;
        }

        if (now.CompareTo(then) < 0)
        {
            return $"info.version went back from {recorded} to {current}.";
        }

        if (changes.Any(change => change.Impact == SurfaceImpact.Breaking) && now.Major <= then.Major)
        {
            return $"The change breaks consumers, so it needs a new major version: set info.version to {then.Major + 1}.0.0 (it is {current}; the summary was recorded at {recorded}).";
        }

        if (changes.Count > 0 && now.Major == then.Major && now.Minor <= then.Minor)
        {
            return $"The change extends the surface, so it needs a new minor version: set info.version to {then.Major}.{then.Minor + 1}.0 (it is {current}; the summary was recorded at {recorded}).";
        }

        return null;
    }

    private static IEnumerable<SurfaceChange> CompareAttributes(SurfaceEntry before, SurfaceEntry after)
    {
        var input = after.Kind is SurfaceEntry.Parameter or SurfaceEntry.RequestBody or SurfaceEntry.RequestField;
        var what = after.Describe();
        foreach (var name in before.Attributes.Keys.Union(after.Attributes.Keys).Order(StringComparer.Ordinal))
        {
            var (was, now) = (before.Attribute(name), after.Attribute(name));
            if (was == now)
            {
                continue;
            }

            switch (name)
            {
                case "required":
                    var nowRequired = now == "yes";
                    yield return new SurfaceChange(
                        nowRequired == input ? SurfaceImpact.Breaking : SurfaceImpact.Extending,
                        $"{what} became {(nowRequired ? "required" : "optional")}");
                    break;
                case "nullable":
                    var nowNullable = now == "yes";
                    yield return new SurfaceChange(
                        nowNullable == input ? SurfaceImpact.Extending : SurfaceImpact.Breaking,
                        $"{what} became {(nowNullable ? "nullable" : "non-nullable")}");
                    break;
                case "enum":
                    foreach (var change in CompareEnum(what, was, now, input))
                    {
                        yield return change;
                    }

                    break;
                case "open-enum":
                    yield return new SurfaceChange(SurfaceImpact.Extending, $"{what}: the open set of known values changed from [{was}] to [{now}]");
                    break;
                case "media":
                    var (oldTypes, newTypes) = (SplitList(was), SplitList(now));
                    var gone = oldTypes.Except(newTypes).ToList();
                    var added = newTypes.Except(oldTypes).ToList();
                    if (gone.Count > 0)
                    {
                        yield return new SurfaceChange(SurfaceImpact.Breaking, $"{what}: media type {string.Join(", ", gone)} removed");
                    }

                    if (added.Count > 0)
                    {
                        yield return new SurfaceChange(SurfaceImpact.Extending, $"{what}: media type {string.Join(", ", added)} added");
                    }

                    break;
                case "ref":
                    yield return new SurfaceChange(SurfaceImpact.Breaking, $"{what}: schema {Shown(was)} became {Shown(now)} (the wire can be the same, but generated clients rename the type)");
                    break;
                default:
                    yield return new SurfaceChange(SurfaceImpact.Breaking, $"{what}: {name} changed from {Shown(was)} to {Shown(now)}");
                    break;
            }
        }
    }

    private static IEnumerable<SurfaceChange> CompareEnum(string what, string was, string now, bool input)
    {
        if (was.Length == 0 || now.Length == 0)
        {
            // Gaining an enum restricts the values; losing one lets any value through.
            var restricts = now.Length > 0;
            yield return new SurfaceChange(
                restricts || !input ? SurfaceImpact.Breaking : SurfaceImpact.Extending,
                restricts ? $"{what}: now limited to the values [{now}]" : $"{what}: no longer limited to the values [{was}]");
            yield break;
        }

        var (oldValues, newValues) = (SplitList(was), SplitList(now));
        var removed = oldValues.Except(newValues).ToList();
        var added = newValues.Except(oldValues).ToList();
        if (removed.Count > 0)
        {
            yield return new SurfaceChange(SurfaceImpact.Breaking, $"{what}: enum value {string.Join(", ", removed)} removed");
        }

        if (added.Count > 0)
        {
            yield return new SurfaceChange(
                input ? SurfaceImpact.Extending : SurfaceImpact.Breaking,
                $"{what}: enum value {string.Join(", ", added)} added" + (input ? string.Empty : " (a response value that readers with a closed enum cannot read)"));
        }
    }

    private static List<string> SplitList(string value) =>
        value.Length == 0 ? [] : value.Split(',').Select(SurfaceText.UnescapeListItem).ToList();

    private static string Shown(string value) => value.Length == 0 ? "(none)" : value;

    /// <summary>Walks a spec (a JSON token tree read from YAML) and lists its surface entries in a stable order.</summary>
    private sealed class Builder(JToken spec)
    {
        private readonly List<(string[] Order, SurfaceEntry Entry)> _entries = [];

        public List<SurfaceEntry> Build()
        {
            foreach (var pathItem in (spec["paths"] as JObject)?.Properties() ?? [])
            {
                var item = Resolve(pathItem.Value);
                foreach (var method in Methods)
                {
                    if (item[method] is JObject operation)
                    {
                        AddOperation(pathItem.Name, method, item, operation);
                    }
                }
            }

            return _entries
                .OrderBy(e => e.Order, Comparer<string[]>.Create((a, b) => a.Zip(b, (x, y) => string.CompareOrdinal(x, y)).FirstOrDefault(c => c != 0)))
                .Select(e => e.Entry)
                .ToList();
        }

        private void AddOperation(string path, string method, JToken pathItem, JObject operation)
        {
            var id = operation["operationId"]?.ToString() is { Length: > 0 } operationId ? operationId : $"{method.ToUpperInvariant()}:{path}";
            Add([id, "0"], SurfaceEntry.Operation, [id], new()
            {
                ["method"] = method.ToUpperInvariant(),
                ["path"] = path,
                ["security"] = Security(operation["security"] ?? spec["security"]),
            });

            var parameters = new Dictionary<string, JToken>(StringComparer.Ordinal);
            foreach (var parameter in ((pathItem["parameters"] as JArray) ?? []).Concat((operation["parameters"] as JArray) ?? []).Select(Resolve))
            {
                parameters[$"{parameter["in"]}:{parameter["name"]}"] = parameter;
            }

            foreach (var (key, parameter) in parameters)
            {
                var attributes = new Dictionary<string, string> { ["required"] = YesNo(parameter["required"]?.Value<bool>() == true) };
                var schema = parameter["schema"] ?? FirstSchema(parameter["content"]);
                Describe(schema, attributes);
                Add([id, "1", key], SurfaceEntry.Parameter, [id, key], attributes);
            }

            if (operation["requestBody"] is { } requestBodyToken)
            {
                var body = Resolve(requestBodyToken);
                Add([id, "2"], SurfaceEntry.RequestBody, [id], new()
                {
                    ["required"] = YesNo(body["required"]?.Value<bool>() == true),
                    ["media"] = MediaTypes(body["content"]),
                });
                if (JsonSchema(body["content"]) is { } schema)
                {
                    Walk(schema, "$", null, (fieldPath, attributes) => Add([id, "3", fieldPath], SurfaceEntry.RequestField, [id, fieldPath], attributes), []);
                }
            }

            foreach (var response in (operation["responses"] as JObject)?.Properties() ?? [])
            {
                var status = response.Name;
                var body = Resolve(response.Value);
                Add([id, "4", status, string.Empty], SurfaceEntry.Response, [id, status], new() { ["media"] = MediaTypes(body["content"]) });
                if (JsonSchema(body["content"]) is { } schema)
                {
                    Walk(schema, "$", null, (fieldPath, attributes) => Add([id, "4", status, fieldPath], SurfaceEntry.ResponseField, [id, status, fieldPath], attributes), []);
                }
            }
        }

        private void Add(string[] order, string kind, string[] key, Dictionary<string, string> attributes) =>
            _entries.Add((order, new SurfaceEntry(kind, key, attributes)));

        /// <summary>Emits <paramref name="path"/> and everything below it: properties, array items, map values.</summary>
        private void Walk(JToken schemaToken, string path, bool? required, Action<string, Dictionary<string, string>> emit, List<string> refs)
        {
            var (schema, reference) = ResolveSchema(schemaToken);
            var attributes = new Dictionary<string, string>();
            if (required is { } isRequired)
            {
                attributes["required"] = YesNo(isRequired);
            }

            Describe(schemaToken, attributes);
            var recursive = reference is not null && refs.Contains(reference);
            if (recursive)
            {
                attributes["recursive"] = "yes";
            }

            emit(path, attributes);
            if (recursive)
            {
                return;
            }

            var inner = reference is null ? refs : [.. refs, reference];
            var parts = Parts(schema).ToList();
            var requiredNames = parts.Where(part => part.Own)
                .SelectMany(part => (part.Schema["required"] as JArray)?.Select(name => name.ToString()) ?? [])
                .ToHashSet(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var part in parts)
            {
                foreach (var property in (part.Schema["properties"] as JObject)?.Properties() ?? [])
                {
                    if (seen.Add(property.Name))
                    {
                        Walk(property.Value, $"{path}.{property.Name}", requiredNames.Contains(property.Name), emit, inner);
                    }
                }
            }

            if (parts.Select(part => part.Schema["items"]).FirstOrDefault(items => items is JObject) is { } itemSchema)
            {
                Walk(itemSchema, path + "[]", null, emit, inner);
            }

            if (parts.Select(part => part.Schema["additionalProperties"]).FirstOrDefault(values => values is JObject) is { } valueSchema)
            {
                Walk(valueSchema, path + "{}", null, emit, inner);
            }
        }

        /// <summary>
        /// The schema and the schemas whose properties it shares: its allOf parts (Own: their required lists count)
        /// and its oneOf/anyOf branches (their properties may appear; none is required by them).
        /// </summary>
        private IEnumerable<(JToken Schema, bool Own)> Parts(JToken schema)
        {
            yield return (schema, true);
            foreach (var part in (schema["allOf"] as JArray) ?? [])
            {
                foreach (var nested in Parts(ResolveSchema(part).Schema))
                {
                    yield return nested;
                }
            }

            foreach (var branch in ((schema["oneOf"] as JArray) ?? []).Concat((schema["anyOf"] as JArray) ?? []))
            {
                yield return (ResolveSchema(branch).Schema, false);
            }
        }

        /// <summary>Adds type, nullable, enum, open-enum and ref of a schema (null: no schema, any value).</summary>
        private void Describe(JToken? schemaToken, Dictionary<string, string> attributes)
        {
            if (schemaToken is null)
            {
                attributes["type"] = "any";
                return;
            }

            var (schema, reference) = ResolveSchema(schemaToken);
            attributes["type"] = TypeOf(schema);
            attributes["nullable"] = YesNo(IsNullable(schema));
            // A lone allOf part is OpenAPI 3.0's way to give a $ref a description of its own: its enum is the field's.
            var values = schema["enum"] as JArray
                ?? (schema["allOf"] is JArray { Count: 1 } parts ? ResolveSchema(parts[0]).Schema["enum"] as JArray : null);
            if (values is not null)
            {
                attributes["enum"] = List(values);
            }

            if (schema["x-extensible-enum"] is JArray open)
            {
                attributes["open-enum"] = List(open);
            }

            if (reference is not null)
            {
                attributes["ref"] = reference;
            }
        }

        private string TypeOf(JToken schema)
        {
            foreach (var keyword in new[] { "oneOf", "anyOf" })
            {
                if (schema["type"] is null && schema[keyword] is JArray branches)
                {
                    return $"{keyword}({string.Join(',', branches.Select(branch => TypeOf(ResolveSchema(branch).Schema)).Distinct().Order(StringComparer.Ordinal))})";
                }
            }

            var type = schema["type"] switch
            {
                JArray types => string.Join('|', types.Select(t => t.ToString()).Where(t => t != "null").Order(StringComparer.Ordinal)),
                { } single => single.ToString(),
                null when schema["allOf"] is JArray parts => parts.Select(part => TypeOf(ResolveSchema(part).Schema)).FirstOrDefault(t => t != "any") ?? "any",
                null when schema["properties"] is not null => "object",
                null when schema["items"] is not null => "array",
                _ => "any",
            };
            return schema["format"] is { } format ? $"{type}({format})" : type;
        }

        private bool IsNullable(JToken schema) =>
            schema["nullable"]?.Value<bool>() == true
            || (schema["type"] is JArray types && types.Any(t => t.ToString() == "null"))
            || schema["type"]?.ToString() == "null"
            || ((schema["oneOf"] as JArray) ?? []).Concat((schema["anyOf"] as JArray) ?? []).Any(branch => IsNullable(ResolveSchema(branch).Schema));

        private static string List(JArray values) =>
            string.Join(',', values.Select(value => SurfaceText.EscapeListItem(value.Type == JTokenType.Null ? "null" : Convert.ToString(((JValue)value).Value, CultureInfo.InvariantCulture) ?? string.Empty)).Order(StringComparer.Ordinal));

        private static string Security(JToken? requirements) => requirements is JArray { Count: > 0 } list
            ? string.Join(',', list.OfType<JObject>().Select(requirement => requirement.Count == 0
                ? "anonymous"
                : string.Join('+', requirement.Properties().Select(p => SurfaceText.EscapeListItem(p.Name)).Order(StringComparer.Ordinal))))
            : "none";

        private static string MediaTypes(JToken? content) =>
            string.Join(',', ((content as JObject)?.Properties() ?? []).Select(p => SurfaceText.EscapeListItem(p.Name)).Order(StringComparer.Ordinal));

        private static JToken? FirstSchema(JToken? content) =>
            ((content as JObject)?.Properties() ?? []).Select(p => p.Value["schema"]).FirstOrDefault(schema => schema is not null);

        /// <summary>The schema of the JSON media type (application/json, else any *json, else the first with a schema).</summary>
        private static JToken? JsonSchema(JToken? content)
        {
            var media = ((content as JObject)?.Properties() ?? []).Where(p => p.Value["schema"] is not null).ToList();
            return (media.FirstOrDefault(p => p.Name == "application/json")
                ?? media.FirstOrDefault(p => p.Name.Contains("json", StringComparison.OrdinalIgnoreCase))
                ?? media.FirstOrDefault())?.Value["schema"];
        }

        private static string YesNo(bool value) => value ? "yes" : "no";

        private JToken Resolve(JToken token) => ResolveSchema(token).Schema;

        /// <summary>Follows local $refs (#/...); the name of the last components/schemas entry passed, if any.</summary>
        private (JToken Schema, string? Reference) ResolveSchema(JToken token)
        {
            string? name = null;
            for (var hops = 0; token is JObject { } node && node["$ref"] is JValue { Type: JTokenType.String } reference; hops++)
            {
                var pointer = reference.ToString();
                if (!pointer.StartsWith("#/", StringComparison.Ordinal) || hops > 32)
                {
                    throw new NotSupportedException($"The surface summary follows only local references (#/...), not '{pointer}'.");
                }

                var segments = pointer[2..].Split('/').Select(segment => Uri.UnescapeDataString(segment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
                token = segments.Aggregate((JToken?)spec, (current, segment) => current?[segment])
                    ?? throw new InvalidOperationException($"Unresolvable reference '{pointer}'.");
                if (segments.Length == 3 && segments[0] == "components" && segments[1] == "schemas")
                {
                    name = segments[2];
                }
            }

            return (token, name);
        }
    }
}

/// <summary>Escaping in the summary file: tokens hold no spaces, list items no commas.</summary>
internal static class SurfaceText
{
    public static string Escape(string value) => Encode(value, escapeComma: false);

    public static string EscapeListItem(string value) => Encode(value, escapeComma: true);

    public static string Unescape(string value) => Uri.UnescapeDataString(value);

    public static string UnescapeListItem(string value) => Uri.UnescapeDataString(value);

    private static string Encode(string value, bool escapeComma)
    {
        var text = new StringBuilder();
        foreach (var character in value)
        {
            if (character is '%' or '=' || (escapeComma && character == ',') || char.IsWhiteSpace(character) || char.IsControl(character))
            {
                foreach (var b in Encoding.UTF8.GetBytes(character.ToString()))
                {
                    text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                text.Append(character);
            }
        }

        return text.ToString();
    }
}

/// <summary>A SemVer version's precedence (MAJOR.MINOR.PATCH, then a pre-release sorts before its release).</summary>
internal sealed record SemVersion(int Major, int Minor, int Patch, string PreRelease) : IComparable<SemVersion>
{
    public static SemVersion? TryParse(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        return match.Success
            ? new SemVersion(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture), match.Groups[4].Value)
            : null;
    }

    public int CompareTo(SemVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var order = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (order != 0)
        {
            return order;
        }

        return (PreRelease.Length == 0, other.PreRelease.Length == 0) switch
        {
            (true, true) => 0,
            (true, false) => 1,
            (false, true) => -1,
            _ => string.CompareOrdinal(PreRelease, other.PreRelease),
        };
    }
}
