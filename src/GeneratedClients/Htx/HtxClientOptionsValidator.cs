using Microsoft.Extensions.Options;

namespace GeneratedClients.Htx;

/// <summary>Validates <see cref="HtxClientOptions"/> (at start-up with <c>ValidateOnStart</c>, and in the options constructor).</summary>
public sealed class HtxClientOptionsValidator : IValidateOptions<HtxClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HtxClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = HtxClientOptions.SectionName;
        var failures = ExchangeOptionsValidation.Check(options, section);
        ExchangeOptionsValidation.Required(options.AccessKey, $"{section}:AccessKey", "HTX access key", failures);
        ExchangeOptionsValidation.Required(options.SecretKey, $"{section}:SecretKey", "HTX secret key", failures);
        if (!Enum.IsDefined(options.Host))
        {
            failures.Add($"{section}:Host must be Production or Aws.");
        }

        if (options.SweepConcurrency is < 1 or > 256)
        {
            failures.Add($"{section}:SweepConcurrency must be between 1 and 256.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
