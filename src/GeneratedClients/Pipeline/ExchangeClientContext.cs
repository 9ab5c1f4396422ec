using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GeneratedClients.Pipeline;

/// <summary>
/// What every client built from one set of options shares (one per options constructor call, one per DI container):
/// the validated options, the credentials and the runtime (the limiter and clock shared per key, retries, logging).
/// </summary>
internal sealed class ExchangeClientContext<TOptions, TCredentials>
    where TOptions : ExchangeClientOptions
{
    private ExchangeClientContext(TOptions options, TCredentials credentials, ExchangeRuntime runtime)
    {
        Options = options;
        Credentials = credentials;
        Runtime = runtime;
    }

    public TOptions Options { get; }

    public TCredentials Credentials { get; }

    public ExchangeRuntime Runtime { get; }

    /// <summary>Validates the options (throwing the failures by setting name, never a value) and builds the runtime.</summary>
    /// <param name="exchange">"Bitget" or "HTX".</param>
    /// <param name="options">The options to validate and use.</param>
    /// <param name="validator">The exchange's options validator.</param>
    /// <param name="credentials">Makes the credentials from valid options.</param>
    /// <param name="credentialKey">The API key the exchange counts requests against (limiter and clock are shared per key).</param>
    /// <param name="time">The local clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">The client's logger; none when null.</param>
    /// <param name="registry">Where limiters and clocks are shared per key when the options name none (a DI container's); the process-wide one when null.</param>
    public static ExchangeClientContext<TOptions, TCredentials> Create(
        string exchange,
        TOptions options,
        IValidateOptions<TOptions> validator,
        Func<TOptions, TCredentials> credentials,
        Func<TOptions, string> credentialKey,
        TimeProvider? time,
        ILogger? logger,
        RateLimiterRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = validator.Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(TOptions), result.Failures);
        }

        var runtime = ExchangeRuntime.Create(exchange, options, credentialKey(options), time, logger, registry);
        return new(options, credentials(options), runtime);
    }
}
