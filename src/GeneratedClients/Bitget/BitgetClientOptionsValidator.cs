using Microsoft.Extensions.Options;

namespace GeneratedClients.Bitget;

/// <summary>Validates <see cref="BitgetClientOptions"/> (at start-up with <c>ValidateOnStart</c>, and in the options constructor).</summary>
public sealed class BitgetClientOptionsValidator : IValidateOptions<BitgetClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BitgetClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = BitgetClientOptions.SectionName;
        var failures = ExchangeOptionsValidation.Check(options, section);
        ExchangeOptionsValidation.Required(options.ApiKey, $"{section}:ApiKey", "Bitget API key", failures);
        ExchangeOptionsValidation.Required(options.ApiSecret, $"{section}:ApiSecret", "Bitget API secret", failures);
        ExchangeOptionsValidation.Required(options.Passphrase, $"{section}:Passphrase", "Bitget API passphrase", failures);
        if (string.IsNullOrWhiteSpace(options.Locale))
        {
            failures.Add($"{section}:Locale must not be empty (for example en-US).");
        }

        if (!Enum.IsDefined(options.Environment))
        {
            failures.Add($"{section}:Environment must be Production or DemoTrading.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
