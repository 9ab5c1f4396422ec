using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using GeneratedClients.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;

namespace GeneratedClients.Tests.Support;

/// <summary>The generated models read the way the clients read them (the wire reader) and written back as JSON (for round trips).</summary>
internal static class ModelJson
{
    private static readonly JsonSerializer Values = JsonSerializer.Create(new JsonSerializerSettings
    {
        Culture = CultureInfo.InvariantCulture,
        Converters = { new StringEnumConverter() },
    });

    public static T Read<T>(string json) => Read<T>(json, out _);

    public static T Read<T>(string json, out IReadOnlyList<WireDeviation> deviations)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return WireResponse.Read<T>(body, out deviations);
    }

    public static object Read(Type model, string json)
    {
        var read = typeof(ModelJson).GetMethod(nameof(Read), 1, [typeof(string)])!.MakeGenericMethod(model);
        try
        {
            return read.Invoke(null, [json])!;
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            throw error.InnerException;
        }
    }

    /// <summary>
    /// The model as JSON: every field with a value under its wire name, then the fields kept in AdditionalProperties. A
    /// field whose model has a ShouldSerialize&lt;Name&gt; method saying false (a value derived from another field) is left out.
    /// </summary>
    public static JToken Write(object? model)
    {
        switch (model)
        {
            case null:
                return JValue.CreateNull();
            case string or decimal or long or int or bool or Enum:
                return JToken.FromObject(model, Values);
            case IEnumerable list:
                return new JArray(list.Cast<object?>().Select(Write));
        }

        var type = model.GetType();
        var written = new JObject();
        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName is not { } name || property.GetValue(model) is not { } value)
            {
                continue;
            }

            var shouldWrite = type.GetMethod("ShouldSerialize" + property.Name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes);
            if (shouldWrite is null || (bool)shouldWrite.Invoke(model, null)!)
            {
                written[name] = Write(value);
            }
        }

        if (type.GetProperty("AdditionalProperties")?.GetValue(model) is IReadOnlyDictionary<string, string> additional)
        {
            foreach (var (name, json) in additional)
            {
                written[name] = JToken.Parse(json);
            }
        }

        return written;
    }
}
