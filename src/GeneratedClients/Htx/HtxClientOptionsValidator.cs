using Microsoft.Extensions.Options;

namespace GeneratedClients.Htx;

/// <summary>Validates <see cref="HtxClientOptions"/>: the shared settings, the two keys, the host and the sweep concurrency.</summary>
public sealed class HtxClientOptionsValidator : IValidateOptions<HtxClientOptions>
{
    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public ValidateOptionsResult Validate(string? name, HtxClientOptions options) => ExchangeOptionsChecks.Validate(options, HtxClientOptions.SectionName);
}
