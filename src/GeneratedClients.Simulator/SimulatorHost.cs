using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GeneratedClients.Simulator;

/// <summary>
/// The simulated Bitget and HTX endpoints, running in this process on Kestrel at
/// <c>http://127.0.0.1:{port}</c>. Both exchanges share the one address (their paths differ).
/// </summary>
/// <example>
/// <code>
/// await using var simulator = await SimulatorHost.StartAsync();
/// using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
/// var client = new BitgetClient(http, new BitgetCredentials(
///     simulator.Options.BitgetApiKey, simulator.Options.BitgetApiSecret, simulator.Options.BitgetPassphrase));
/// </code>
/// </example>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorState _state;
    private int _disposed;

    private SimulatorHost(WebApplication app, SimulatorState state, Uri baseAddress)
    {
        _app = app;
        _state = state;
        BaseAddress = baseAddress;
    }

    /// <summary>The address both simulated exchanges answer at, with a trailing slash (<c>http://127.0.0.1:54321/</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The options the host was started with (treat them as read-only now).</summary>
    public SimulatorOptions Options => _state.Options;

    /// <summary>The generated accounts: what the endpoints answer with.</summary>
    public SimulatedAccounts Accounts => _state.Accounts;

    /// <summary>Counters and the request log.</summary>
    public SimulatorStatistics Statistics => _state.Statistics;

    /// <summary>The faults queued for the next requests.</summary>
    public SimulatorFaults Faults => _state.Faults;

    /// <summary>The offset of the simulated exchanges' clock from the host clock; can be changed while running (clock drift).</summary>
    public TimeSpan ClockOffset
    {
        get => _state.ClockOffset;
        set => _state.ClockOffset = value;
    }

    /// <summary>The simulated exchanges' current time (host clock plus <see cref="ClockOffset"/>).</summary>
    public DateTimeOffset Now => _state.Now;

    /// <summary>Starts a simulator on a loopback port (<see cref="SimulatorOptions.Port"/>; a free one by default).</summary>
    /// <param name="options">The settings; the defaults when null.</param>
    /// <param name="ct">Cancels the start.</param>
    /// <returns>The running host; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static async Task<SimulatorHost> StartAsync(SimulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new SimulatorOptions();
        options.Validate();
        var state = new SimulatorState(options);

        // The empty builder reads no configuration, environment variables or appsettings: the options are the only input.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(3));
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);

        var app = builder.Build();
        SimulatorEndpoints.Map(app, state);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            state.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SimulatorHost(app, state, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Stops the server: delays and endless bodies in progress end at once, then Kestrel shuts down.</summary>
    /// <returns>A task that completes when the host has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _state.Stop();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _state.Dispose();
        }
    }
}
