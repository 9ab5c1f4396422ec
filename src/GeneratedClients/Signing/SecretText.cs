using System.Text;

namespace GeneratedClients.Signing;

/// <summary>Checks for credential values: present, not blank, never echoed.</summary>
internal static class SecretText
{
    /// <summary>Throws an ArgumentException naming the parameter (never the value) when it is empty or blank.</summary>
    public static string Require(string? value, string parameterName, string what)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameterName, $"The {what} is required.");
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The {what} must not be empty or whitespace.", parameterName);
        }

        return value;
    }

    public static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value);
}
