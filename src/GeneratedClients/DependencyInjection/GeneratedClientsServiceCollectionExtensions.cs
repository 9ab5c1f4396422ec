using GeneratedClients;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers <see cref="BitgetClient"/> and <see cref="HtxClient"/> as typed clients of
/// <c>IHttpClientFactory</c>, with validated options and the production behaviour on: one rate limiter
/// per key, retries, timeouts, clock synchronisation and logging. A <see cref="RateLimiterRegistry"/> registered in the
/// container is where the limiters and clocks are shared (else the process-wide one).
/// </summary>
public static class GeneratedClientsServiceCollectionExtensions
{
    /// <summary>Adds a Bitget client configured in code.</summary>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, for adding handlers.</returns>
    public static IHttpClientBuilder AddBitgetClient(this IServiceCollection services, Action<BitgetClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddBitget(services, builder => builder.Configure(configure));
    }

    /// <summary>Adds a Bitget client bound to a configuration section (by convention <c>configuration.GetSection("Bitget")</c>).</summary>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, for adding handlers.</returns>
    public static IHttpClientBuilder AddBitgetClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddBitget(services, builder => builder.Bind(configuration));
    }

    /// <summary>Adds an HTX client configured in code.</summary>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, for adding handlers.</returns>
    public static IHttpClientBuilder AddHtxClient(this IServiceCollection services, Action<HtxClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddHtx(services, builder => builder.Configure(configure));
    }

    /// <summary>Adds an HTX client bound to a configuration section (by convention <c>configuration.GetSection("Htx")</c>).</summary>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, for adding handlers.</returns>
    public static IHttpClientBuilder AddHtxClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddHtx(services, builder => builder.Bind(configuration));
    }

    private static IHttpClientBuilder AddBitget(IServiceCollection services, Action<OptionsBuilder<BitgetClientOptions>> configure) =>
        AddExchangeClient<BitgetClient, BitgetClientOptions, BitgetCredentials, BitgetClientOptionsValidator>(
            services, BitgetClient.ExchangeName, configure, BitgetClient.CreateContext, options => options.BaseAddress ?? BitgetClient.ProductionAddress, (http, context) => new BitgetClient(http, context));

    private static IHttpClientBuilder AddHtx(IServiceCollection services, Action<OptionsBuilder<HtxClientOptions>> configure) =>
        AddExchangeClient<HtxClient, HtxClientOptions, HtxCredentials, HtxClientOptionsValidator>(
            services, HtxClient.ExchangeName, configure, HtxClient.CreateContext, options => options.ResolveBaseAddress(), (http, context) => new HtxClient(http, context));

    private static IHttpClientBuilder AddExchangeClient<TClient, TOptions, TCredentials, TValidator>(
        IServiceCollection services,
        string name,
        Action<OptionsBuilder<TOptions>> configure,
        Func<TOptions, TimeProvider?, ILogger?, RateLimiterRegistry?, ExchangeClientContext<TOptions, TCredentials>> createContext,
        Func<TOptions, Uri> baseAddress,
        Func<HttpClient, ExchangeClientContext<TOptions, TCredentials>, TClient> createClient)
        where TClient : class
        where TOptions : ExchangeClientOptions
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(services);
        configure(services.AddOptions<TOptions>().ValidateOnStart());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        // Why: the limiter, clock and retry pipeline outlive the transient typed clients the factory hands out.
        services.TryAddSingleton(provider => createContext(
            provider.GetRequiredService<IOptions<TOptions>>().Value,
            provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()?.CreateLogger<TClient>(),
            provider.GetService<RateLimiterRegistry>()));
        return services.AddHttpClient(name)
            .RemoveAllLoggers()
            .ConfigureHttpClient((provider, http) =>
            {
                http.BaseAddress = baseAddress(provider.GetRequiredService<IOptions<TOptions>>().Value);
                // Why: each attempt has its own timeout (ExchangeClientOptions.Timeout); the client-wide one would cut retries short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddTypedClient((http, provider) => createClient(http, provider.GetRequiredService<ExchangeClientContext<TOptions, TCredentials>>()));
    }

    // Why RemoveAllLoggers: IHttpClientFactory's HTTP logging redacts header values in its message but keeps them raw in
    // its structured state (ACCESS-KEY, ACCESS-SIGN, ACCESS-PASSPHRASE), which JSON and OpenTelemetry sinks export. The
    // client logs every attempt itself (exchange, method, path, status, code, attempt, duration) without them.
}
