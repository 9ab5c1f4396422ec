using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Simulator;

namespace GeneratedClients.Cli;

/// <summary>
/// The clients a command uses: live ones when the exchange's credentials are set, clients of the built-in simulator
/// (started here, on loopback) when no credentials are set at all or --simulator asks for it. Live and simulated
/// exchanges are never mixed: with one exchange's credentials only, the other is left out (with a notice) rather than
/// simulated. Both kinds are the production clients (options constructor): rate limited, retrying, clock-synchronised.
/// </summary>
internal sealed class ExchangeSession : IAsyncDisposable
{
    public const string BitgetKeyVariable = "BITGET_API_KEY";
    public const string BitgetSecretVariable = "BITGET_API_SECRET";
    public const string BitgetPassphraseVariable = "BITGET_API_PASSPHRASE";

    /// <summary>The Bitget main account's user id (optional): Bitget does not send it with the main account's assets.</summary>
    public const string BitgetMainUserIdVariable = "BITGET_MAIN_USER_ID";

    public const string HtxKeyVariable = "HTX_ACCESS_KEY";
    public const string HtxSecretVariable = "HTX_SECRET_KEY";

    /// <summary>Sends live requests to this address instead of the exchanges' hosts (a gateway or a test server).</summary>
    public const string BaseAddressVariable = "GENERATEDCLIENTS_BASE_ADDRESS";

    private static readonly string[] BitgetVariables = [BitgetKeyVariable, BitgetSecretVariable, BitgetPassphraseVariable];
    private static readonly string[] HtxVariables = [HtxKeyVariable, HtxSecretVariable];

    private Uri? _liveBaseAddress;

    private readonly List<HttpClient> _httpClients = [];

    private ExchangeSession()
    {
    }

    public BitgetClient? Bitget { get; private set; }

    public HtxClient? Htx { get; private set; }

    public SimulatorHost? Simulator { get; private set; }

    /// <summary>"live" or "simulator" for Bitget; null when Bitget is not used.</summary>
    public string? BitgetSource { get; private set; }

    /// <summary>"live" or "simulator" for HTX; null when HTX is not used.</summary>
    public string? HtxSource { get; private set; }

    public bool HtxSimulated => HtxSource == Sources.Simulator;

    /// <summary>The exchanges a command needed but that were left out (no credentials while the other's are set).</summary>
    public IReadOnlyList<string> LeftOut { get; private set; } = [];

    /// <summary>The Bitget main account's user id: the simulator's, or <see cref="BitgetMainUserIdVariable"/> when live (null when unset).</summary>
    public long? BitgetMainUserId { get; private set; }

    /// <summary>The sub-accounts the simulator knows, for commands that need some when none are given.</summary>
    public IReadOnlyList<long> SimulatedHtxUids => Simulator?.Options.HtxSubAccountUids ?? [];

    /// <summary>Where the clients send: the live host (or the base-address override), or the simulator.</summary>
    public Uri AddressOf(string exchange) =>
        (exchange == BitgetClient.ExchangeName ? BitgetSource : HtxSource) == Sources.Simulator
            ? Simulator!.BaseAddress
            : _liveBaseAddress ?? (exchange == BitgetClient.ExchangeName ? BitgetClient.ProductionAddress : HtxClient.ProductionAddress);

    /// <summary>
    /// Opens the session for the exchanges a command needs. Throws <see cref="UsageException"/> when credentials are
    /// incomplete, missing with --live, or missing for every exchange the command needs while another's are set.
    /// </summary>
    public static async Task<ExchangeSession> OpenAsync(bool needsBitget, bool needsHtx, SourceMode mode, Func<string, string?> variable, Action<string> notice, CancellationToken cancellationToken)
    {
        var bitgetValues = Read(variable, BitgetVariables);
        var htxValues = Read(variable, HtxVariables);
        var session = new ExchangeSession();
        try
        {
            var baseAddress = variable(BaseAddressVariable);
            if (!string.IsNullOrWhiteSpace(baseAddress))
            {
                session._liveBaseAddress = Uri.TryCreate(baseAddress, UriKind.Absolute, out var parsed)
                    ? parsed
                    : throw new UsageException($"{BaseAddressVariable} is not an absolute address.");
            }

            // Incomplete credentials are a mistake in every mode: say which variable is missing.
            var bitgetSet = Complete(bitgetValues, BitgetVariables, "Bitget");
            var htxSet = Complete(htxValues, HtxVariables, "HTX");
            var useBitget = needsBitget && bitgetSet;
            var useHtx = needsHtx && htxSet;
            var simulate = mode == SourceMode.Simulator || (mode == SourceMode.Auto && !bitgetSet && !htxSet);
            if (mode == SourceMode.Live)
            {
                RequireLive(needsBitget && !bitgetSet, "Bitget", BitgetVariables);
                RequireLive(needsHtx && !htxSet, "HTX", HtxVariables);
            }

            if (simulate)
            {
                session.Simulator = await SimulatorHost.StartAsync(new SimulatorOptions(), cancellationToken).ConfigureAwait(false);
                var names = new List<string>();
                if (needsBitget)
                {
                    names.Add("Bitget");
                }

                if (needsHtx)
                {
                    var uids = session.SimulatedHtxUids;
                    names.Add($"HTX (sub-accounts {uids[0]}-{uids[^1]})");
                }

                notice(mode == SourceMode.Simulator
                    ? $"Using the built-in exchange simulator for {string.Join(" and ", names)} at {session.Simulator.BaseAddress} (--simulator): its numbers are not real balances."
                    : $"Using the built-in exchange simulator for {string.Join(" and ", names)} at {session.Simulator.BaseAddress}: no credentials found, so its numbers are not real balances. Set {string.Join(", ", Needed(needsBitget, needsHtx))} for the real exchanges, or pass --live to insist on them.");
                useBitget = needsBitget;
                useHtx = needsHtx;
            }
            else
            {
                var leftOut = new List<string>();
                if (needsBitget && !useBitget)
                {
                    leftOut.Add("Bitget");
                    notice($"Bitget left out: {string.Join(", ", BitgetVariables)} not set while HTX's credentials are. Live and simulated numbers are never mixed; pass --simulator for the demo.");
                }

                if (needsHtx && !useHtx)
                {
                    leftOut.Add("HTX");
                    notice($"HTX left out: {string.Join(", ", HtxVariables)} not set while Bitget's credentials are. Live and simulated numbers are never mixed; pass --simulator for the demo.");
                }

                if (!useBitget && !useHtx)
                {
                    throw new UsageException($"{string.Join(" and ", leftOut)} credentials are not set (the simulator runs only when no credentials are set at all, or with --simulator).");
                }

                session.LeftOut = leftOut;
            }

            if (useBitget)
            {
                session.BitgetSource = simulate ? Sources.Simulator : Sources.Live;
                session.BitgetMainUserId = simulate ? session.Simulator!.Options.BitgetMainUserId : ReadUserId(variable(BitgetMainUserIdVariable));
                session.Bitget = session.CreateBitget(simulate ? null : bitgetValues);
            }

            if (useHtx)
            {
                session.HtxSource = simulate ? Sources.Simulator : Sources.Live;
                session.Htx = session.CreateHtx(simulate ? null : htxValues);
            }

            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var http in _httpClients)
        {
            http.Dispose();
        }

        if (Simulator is not null)
        {
            await Simulator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private BitgetClient CreateBitget(string?[]? live)
    {
        var options = live is null
            ? new BitgetClientOptions { ApiKey = Simulator!.Options.BitgetApiKey, ApiSecret = Simulator.Options.BitgetApiSecret, Passphrase = Simulator.Options.BitgetPassphrase, BaseAddress = Simulator.BaseAddress }
            : new BitgetClientOptions { ApiKey = live[0], ApiSecret = live[1], Passphrase = live[2], BaseAddress = _liveBaseAddress };
        return new BitgetClient(NewHttpClient(), options);
    }

    private HtxClient CreateHtx(string?[]? live)
    {
        var options = live is null
            ? new HtxClientOptions { AccessKey = Simulator!.Options.HtxAccessKey, SecretKey = Simulator.Options.HtxSecretKey, BaseAddress = Simulator.BaseAddress }
            : new HtxClientOptions { AccessKey = live[0], SecretKey = live[1], BaseAddress = _liveBaseAddress };
        return new HtxClient(NewHttpClient(), options);
    }

    private HttpClient NewHttpClient()
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _httpClients.Add(http);
        return http;
    }

    private static long? ReadUserId(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : long.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id
        : throw new UsageException($"{BitgetMainUserIdVariable} is not a user id (a positive whole number).");

    private static string?[] Read(Func<string, string?> variable, params string[] names) =>
        [.. names.Select(name => string.IsNullOrWhiteSpace(variable(name)) ? null : variable(name))];

    private static IEnumerable<string> Needed(bool bitget, bool htx) =>
        (bitget ? BitgetVariables : []).Concat(htx ? HtxVariables : []);

    /// <summary>Whether all of an exchange's credentials are set; some but not all is a usage error naming the missing ones.</summary>
    private static bool Complete(string?[] values, string[] names, string exchange)
    {
        var missing = names.Where((_, i) => values[i] is null).ToArray();
        return missing.Length == 0
            || (missing.Length < names.Length
                ? throw new UsageException($"{exchange} credentials are incomplete: {string.Join(", ", missing)} not set (environment variable or user-secrets).")
                : false);
    }

    private static void RequireLive(bool missing, string exchange, string[] names)
    {
        if (missing)
        {
            throw new UsageException($"--live needs {exchange} credentials: set {string.Join(", ", names)} (environment variables or user-secrets).");
        }
    }
}
