using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Simulator;

namespace GeneratedClients.IntegrationTests.Support;

/// <summary>Starts simulators and builds real clients pointed at them.</summary>
internal static class Sim
{
    /// <summary>
    /// A simulator whose keys are unique to this test. Why: the library gives every options client with
    /// the same exchange and key one process-wide rate limiter, so tests sharing a key would pace each other.
    /// </summary>
    public static Task<SimulatorHost> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var options = new SimulatorOptions
        {
            BitgetApiKey = "bg-it-" + id,
            HtxAccessKey = "htx-it-" + id,
        };
        configure?.Invoke(options);
        return SimulatorHost.StartAsync(options);
    }

    public static HttpClient Http(SimulatorHost host) => new() { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public static BitgetCredentials BitgetCredentials(SimulatorHost host, string? apiKey = null, string? secret = null, string? passphrase = null) =>
        new(apiKey ?? host.Options.BitgetApiKey, secret ?? host.Options.BitgetApiSecret, passphrase ?? host.Options.BitgetPassphrase);

    public static HtxCredentials HtxCredentials(SimulatorHost host, string? accessKey = null, string? secret = null) =>
        new(accessKey ?? host.Options.HtxAccessKey, secret ?? host.Options.HtxSecretKey);

    /// <summary>Production options aimed at the simulator; jitter off so that retry timing is predictable.</summary>
    public static BitgetClientOptions BitgetOptions(SimulatorHost host, Action<BitgetClientOptions>? change = null)
    {
        var options = new BitgetClientOptions
        {
            BaseAddress = host.BaseAddress,
            ApiKey = host.Options.BitgetApiKey,
            ApiSecret = host.Options.BitgetApiSecret,
            Passphrase = host.Options.BitgetPassphrase,
            Timeout = TimeSpan.FromSeconds(10),
        };
        options.Retry.UseJitter = false;
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(50);
        change?.Invoke(options);
        return options;
    }

    public static HtxClientOptions HtxOptions(SimulatorHost host, Action<HtxClientOptions>? change = null)
    {
        var options = new HtxClientOptions
        {
            BaseAddress = host.BaseAddress,
            AccessKey = host.Options.HtxAccessKey,
            SecretKey = host.Options.HtxSecretKey,
            Timeout = TimeSpan.FromSeconds(10),
        };
        options.Retry.UseJitter = false;
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(50);
        change?.Invoke(options);
        return options;
    }

    /// <summary>An activated HTX sub-account with (or without) an open position.</summary>
    public static SimulatedHtxSubAccount HtxSubAccount(SimulatorHost host, bool withPosition) =>
        host.Accounts.HtxSubAccountUids
            .Select(uid => host.Accounts.Htx(uid)!)
            .First(s => s.Activated && (s.Accounts[0].RiskRate is not null) == withPosition);
}

/// <summary>Tests whose timing must not compete with other tests for the two cores: they run alone, after the rest.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive";
}
