namespace GeneratedClients.Configuration;

/// <summary>Collects the failures of one options section, each naming the setting (<c>Section:Name</c>), never its value.</summary>
internal sealed class OptionFailures(string section, List<string> failures)
{
    /// <summary>A secret or key that must be set; the failure says where it can be set.</summary>
    public void Required(string? value, string name, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            var setting = $"{section}:{name}";
            failures.Add($"{setting} is missing: the {what}. Set it in configuration, user-secrets or the environment variable {setting.Replace(":", "__", StringComparison.Ordinal)}.");
        }
    }

    /// <summary>Adds "<c>Section:Name</c> <paramref name="rule"/>" unless <paramref name="holds"/>.</summary>
    public void Unless(bool holds, string name, string rule)
    {
        if (!holds)
        {
            failures.Add($"{section}:{name} {rule}");
        }
    }
}
