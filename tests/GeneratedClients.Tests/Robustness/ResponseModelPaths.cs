using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Newtonsoft.Json;

namespace GeneratedClients.Tests.Robustness;

/// <summary>Finds, in a deserialized envelope, the object and property a JSON path (<c>data[0].assetList[1].locked</c>) was read into.</summary>
internal static partial class ResponseModelPaths
{
    /// <summary>The object the path's last segment belongs to, and that segment's property (null when the path ends on an index or the root).</summary>
    public static bool TryResolve(object root, string? path, out object? owner, out PropertyInfo? property, out object? value)
    {
        owner = null;
        property = null;
        value = root;
        if (string.IsNullOrEmpty(path))
        {
            return true;
        }

        foreach (Match segment in Segment().Matches(path))
        {
            owner = value;
            if (owner is null)
            {
                return false;
            }

            if (segment.Groups["index"].Success)
            {
                property = null;
                var index = int.Parse(segment.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (owner is not IEnumerable items)
                {
                    return false;
                }

                value = items.Cast<object?>().ElementAtOrDefault(index);
                continue;
            }

            var name = segment.Groups["name"].Value;
            property = owner.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName == name);
            if (property is null)
            {
                return false;
            }

            value = property.GetValue(owner);
        }

        return true;
    }

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)|\[(?<index>\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();
}
