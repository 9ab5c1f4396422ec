using Microsoft.Extensions.Options;

namespace GeneratedClients.Bitget;

/// <summary>Validates <see cref="BitgetClientOptions"/>: the shared settings, the three credentials, the locale and the environment.</summary>
public sealed class BitgetClientOptionsValidator : IValidateOptions<BitgetClientOptions>
{
    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public ValidateOptionsResult Validate(string? name, BitgetClientOptions options) => ExchangeOptionsChecks.Validate(options, BitgetClientOptions.SectionName);
}
