using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GeneratedClients.Tests.SpecTooling;

/// <summary>
/// Reads YAML (a spec, a bundle, a Redocly config) into Newtonsoft JSON tokens, with the scalar types of the YAML 1.2
/// core schema: plain <c>null</c>/<c>~</c>/empty is null, <c>true</c>/<c>false</c> a boolean, digits an integer,
/// decimal or exponent notation a double; quoted scalars are always strings. YamlDotNet comes with NSwag.Core.Yaml.
/// </summary>
internal static partial class YamlJson
{
    public static JToken Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? JValue.CreateNull() : Convert(stream.Documents[0].RootNode);
    }

    public static JToken ParseFile(string path) => Parse(File.ReadAllText(path));

    /// <summary>A spec file with every reference to another file (<c>$ref: ../shared/decimal-figure.yaml</c>) replaced by that file's content.</summary>
    public static JToken ParseSpecFile(string path) => InlineFileReferences(ParseFile(path), Path.GetDirectoryName(Path.GetFullPath(path))!);

    /// <summary>Replaces each <c>$ref</c> to a file (not a <c>#/…</c> pointer) by the file's content, read relative to <paramref name="baseDirectory"/>.</summary>
    public static JToken InlineFileReferences(JToken token, string baseDirectory)
    {
        switch (token)
        {
            case JObject { Count: 1 } reference when reference["$ref"] is JValue { Type: JTokenType.String } target && !target.ToString().StartsWith('#'):
                var file = Path.GetFullPath(Path.Combine(baseDirectory, target.ToString()));
                return InlineFileReferences(ParseFile(file), Path.GetDirectoryName(file)!);
            case JObject node:
                foreach (var property in node.Properties().ToList())
                {
                    property.Value = InlineFileReferences(property.Value, baseDirectory);
                }

                return node;
            case JArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    list[i] = InlineFileReferences(list[i], baseDirectory);
                }

                return list;
            default:
                return token;
        }
    }

    private static JToken Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JObject(mapping.Children.Select(pair => new JProperty(((YamlScalarNode)pair.Key).Value ?? string.Empty, Convert(pair.Value)))),
        YamlSequenceNode sequence => new JArray(sequence.Children.Select(Convert)),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"Unsupported YAML node {node.NodeType} at {node.Start}."),
    };

    private static JValue Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return new JValue(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return JValue.CreateNull();
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return new JValue(text.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return new JValue(integer);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return new JValue(number);
        }

        return new JValue(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
