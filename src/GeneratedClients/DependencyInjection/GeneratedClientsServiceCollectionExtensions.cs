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
/// per key, retries, timeouts, clock synchronisation and logging.
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

    private static IHttpClientBuilder AddBitget(IServiceCollection services, Action<OptionsBuilder<BitgetClientOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        configure(services.AddOptions<BitgetClientOptions>().ValidateOnStart());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BitgetClientOptions>, BitgetClientOptionsValidator>());
        // Why: the limiter, clock and retry pipeline outlive the transient typed clients the factory hands out.
        services.TryAddSingleton(provider => BitgetClientContext.Create(
            provider.GetRequiredService<IOptions<BitgetClientOptions>>().Value,
            provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()?.CreateLogger<BitgetClient>()));
        return services.AddHttpClient(BitgetClient.ExchangeName)
            .RemoveAllLoggers()
            .ConfigureHttpClient((provider, http) => Configure(http, provider.GetRequiredService<IOptions<BitgetClientOptions>>().Value.BaseAddress ?? BitgetClient.ProductionAddress))
            .AddTypedClient((http, provider) => new BitgetClient(http, provider.GetRequiredService<BitgetClientContext>()));
    }

    private static IHttpClientBuilder AddHtx(IServiceCollection services, Action<OptionsBuilder<HtxClientOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        configure(services.AddOptions<HtxClientOptions>().ValidateOnStart());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HtxClientOptions>, HtxClientOptionsValidator>());
        services.TryAddSingleton(provider => HtxClientContext.Create(
            provider.GetRequiredService<IOptions<HtxClientOptions>>().Value,
            provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()?.CreateLogger<HtxClient>()));
        return services.AddHttpClient(HtxClient.ExchangeName)
            .RemoveAllLoggers()
            .ConfigureHttpClient((provider, http) => Configure(http, provider.GetRequiredService<IOptions<HtxClientOptions>>().Value.ResolveBaseAddress()))
            .AddTypedClient((http, provider) => new HtxClient(http, provider.GetRequiredService<HtxClientContext>()));
    }

    // Why RemoveAllLoggers: IHttpClientFactory's HTTP logging redacts header values in its message but keeps them raw in
    // its structured state (ACCESS-KEY, ACCESS-SIGN, ACCESS-PASSPHRASE), which JSON and OpenTelemetry sinks export. The
    // client logs every attempt itself (exchange, method, path, status, code, attempt, duration) without them.
    private static void Configure(HttpClient http, Uri baseAddress)
    {
        http.BaseAddress = baseAddress;
        // Why: each attempt has its own timeout (ExchangeClientOptions.Timeout); the client-wide one would cut retries short.
        http.Timeout = Timeout.InfiniteTimeSpan;
    }
}
