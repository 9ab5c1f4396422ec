using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Simulator;

namespace GeneratedClients.Cli;

/// <summary>
/// The clients a command uses: live ones when the exchange's credentials are set, else clients of the
/// built-in simulator (started here, on loopback). Both are the production clients (options
/// constructor): rate limited, retrying, clock-synchronised.
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

    private Uri? _liveBaseAddress;

    private readonly List<HttpClient> _httpClients = [];

    private ExchangeSession()
    {
    }

    public BitgetClient? Bitget { get; private set; }

    public HtxClient? Htx { get; private set; }

    public SimulatorHost? Simulator { get; private set; }

    public bool BitgetSimulated { get; private set; }

    /// <summary>The Bitget main account's user id: the simulator's, or <see cref="BitgetMainUserIdVariable"/> when live (null when unset).</summary>
    public long? BitgetMainUserId { get; private set; }

    public bool HtxSimulated { get; private set; }

    /// <summary>The sub-accounts the simulator knows, for commands that need some when none are given.</summary>
    public IReadOnlyList<long> SimulatedHtxUids => Simulator?.Options.HtxSubAccountUids ?? [];

    /// <summary>
    /// Opens the session for the exchanges a command needs. Throws <see cref="UsageException"/> when
    /// credentials are incomplete, or missing with <paramref name="live"/>.
    /// </summary>
    public static async Task<ExchangeSession> OpenAsync(bool needsBitget, bool needsHtx, bool live, Func<string, string?> variable, Action<string> notice, CancellationToken cancellationToken)
    {
        var bitgetValues = Read(variable, BitgetKeyVariable, BitgetSecretVariable, BitgetPassphraseVariable);
        var htxValues = Read(variable, HtxKeyVariable, HtxSecretVariable);
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

            var useBitget = needsBitget && Present(bitgetValues, live, "Bitget");
            var useHtx = needsHtx && Present(htxValues, live, "HTX");
            if ((needsBitget && !useBitget) || (needsHtx && !useHtx))
            {
                session.Simulator = await SimulatorHost.StartAsync(new SimulatorOptions(), cancellationToken).ConfigureAwait(false);
                var simulated = new List<string>();
                var variables = new List<string>();
                if (needsBitget && !useBitget)
                {
                    simulated.Add("Bitget");
                    variables.AddRange([BitgetKeyVariable, BitgetSecretVariable, BitgetPassphraseVariable]);
                }

                if (needsHtx && !useHtx)
                {
                    var uids = session.SimulatedHtxUids;
                    simulated.Add($"HTX (sub-accounts {uids[0]}-{uids[^1]})");
                    variables.AddRange([HtxKeyVariable, HtxSecretVariable]);
                }

                notice($"Using the built-in exchange simulator for {string.Join(" and ", simulated)} at {session.Simulator.BaseAddress}: no credentials found. Set {string.Join(", ", variables)} for the real exchange, or pass --live to insist on it.");
            }

            if (needsBitget)
            {
                session.BitgetSimulated = !useBitget;
                session.BitgetMainUserId = useBitget ? ReadUserId(variable(BitgetMainUserIdVariable)) : session.Simulator!.Options.BitgetMainUserId;
                session.Bitget = session.CreateBitget(useBitget ? bitgetValues : null);
            }

            if (needsHtx)
            {
                session.HtxSimulated = !useHtx;
                session.Htx = session.CreateHtx(useHtx ? htxValues : null);
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

    private static bool Present(string?[] values, bool live, string exchange)
    {
        var names = exchange == "Bitget"
            ? new[] { BitgetKeyVariable, BitgetSecretVariable, BitgetPassphraseVariable }
            : new[] { HtxKeyVariable, HtxSecretVariable };
        var missing = names.Where((_, i) => values[i] is null).ToArray();
        if (missing.Length == 0)
        {
            return true;
        }

        if (missing.Length < names.Length)
        {
            throw new UsageException($"{exchange} credentials are incomplete: {string.Join(", ", missing)} not set (environment variable or user-secrets).");
        }

        return live
            ? throw new UsageException($"--live needs {exchange} credentials: set {string.Join(", ", names)} (environment variables or user-secrets).")
            : false;
    }
}

/// <summary>The command line or the configuration is wrong; printed as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
