using Microsoft.Extensions.Logging;

namespace GeneratedClients.Simulator;

/// <summary>
/// How a <see cref="SimulatorHost"/> behaves: its data (seed, sub-accounts), the one key it knows per
/// exchange, its clock, its rate limits. Read when the host starts; change it before, not after
/// (except <see cref="SimulatorHost.ClockOffset"/>, which the host lets you move while it runs).
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>The demo Bitget API key (printed by the command line).</summary>
    public const string DemoBitgetApiKey = "bg_sim_4c1d7e0a9b";

    /// <summary>The demo Bitget API secret.</summary>
    public const string DemoBitgetApiSecret = "sim-bitget-secret-5f2e8d";

    /// <summary>The demo Bitget passphrase.</summary>
    public const string DemoBitgetPassphrase = "sim-bitget-pass-31";

    /// <summary>The demo HTX access key.</summary>
    public const string DemoHtxAccessKey = "htx-sim-access-7a3b9c";

    /// <summary>The demo HTX secret key.</summary>
    public const string DemoHtxSecretKey = "htx-sim-secret-e4d210";

    /// <summary>The userId of the default Bitget main account.</summary>
    public const long DefaultBitgetMainUserId = 4_512_299_991;

    /// <summary>The first HTX sub-account UID of the default set.</summary>
    public const long DefaultFirstHtxUid = 10_000_001;

    /// <summary>How many HTX sub-accounts the default set holds.</summary>
    public const int DefaultHtxSubAccountCount = 200;

    /// <summary>Seeds every generated amount: the same seed gives the same data, byte for byte.</summary>
    public int Seed { get; set; } = 20_240_601;

    /// <summary>How many Bitget sub-accounts the main account has (each with assets for every product type). 5 by default.</summary>
    public int BitgetSubAccountCount { get; set; } = 5;

    /// <summary>The userId of the first Bitget sub-account (above 2^31, to exercise 64-bit ids); the next ones follow at a fixed gap.</summary>
    public long BitgetFirstUserId { get; set; } = 4_512_300_017;

    /// <summary>
    /// The userId of the Bitget main account (the owner of <see cref="BitgetApiKey"/>), whose futures accounts
    /// <c>GET /api/v2/mix/account/accounts</c> returns. Bitget does not send it in that answer; the command line
    /// prints it as the main account's id.
    /// </summary>
    public long BitgetMainUserId { get; set; } = DefaultBitgetMainUserId;

    /// <summary>The HTX sub-account UIDs the main account has. 200 UIDs from 10000001 by default.</summary>
    public IReadOnlyList<long> HtxSubAccountUids { get; set; } = ConsecutiveUids(DefaultFirstHtxUid, DefaultHtxSubAccountCount);

    /// <summary>
    /// HTX sub-accounts (among <see cref="HtxSubAccountUids"/>) that have not activated contract trading:
    /// HTX answers <c>status: "ok"</c> with <c>data: []</c> for them. None by default.
    /// </summary>
    public IReadOnlyCollection<long> HtxInactiveSubAccountUids { get; set; } = [];

    /// <summary>The one Bitget API key the simulator knows.</summary>
    public string BitgetApiKey { get; set; } = DemoBitgetApiKey;

    /// <summary>The secret of <see cref="BitgetApiKey"/>.</summary>
    public string BitgetApiSecret { get; set; } = DemoBitgetApiSecret;

    /// <summary>The passphrase of <see cref="BitgetApiKey"/>.</summary>
    public string BitgetPassphrase { get; set; } = DemoBitgetPassphrase;

    /// <summary>The one HTX access key the simulator knows.</summary>
    public string HtxAccessKey { get; set; } = DemoHtxAccessKey;

    /// <summary>The secret key of <see cref="HtxAccessKey"/>.</summary>
    public string HtxSecretKey { get; set; } = DemoHtxSecretKey;

    /// <summary>
    /// The clock of the simulated exchanges, for timestamps and server time, is <see cref="TimeProvider"/>
    /// plus this offset: a positive offset puts the exchange ahead of the host (clock-skew tests).
    /// </summary>
    public TimeSpan ClockOffset { get; set; }

    /// <summary>
    /// The host clock: the exchanges' time (plus <see cref="ClockOffset"/>) and the rate limits' sliding
    /// logs (<see cref="System.TimeProvider.GetTimestamp"/>) are read from it, so a test can drive them
    /// with a manual clock. Injected delays (latency, endless bodies) always use real time.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Whether the rate limits below are enforced. On by default.</summary>
    public bool RateLimitsEnabled { get; set; } = true;

    /// <summary>
    /// Bitget sub-account assets: requests allowed per key in any <see cref="BitgetRateLimitWindow"/>. Bitget's
    /// documented limit by default (<see cref="ExchangeRateLimits.BitgetSubAccountAssets"/>, read from the spec).
    /// </summary>
    public int BitgetRateLimitPermits { get; set; } = ExchangeRateLimits.BitgetSubAccountAssets.PermitLimit;

    /// <summary>The window of <see cref="BitgetRateLimitPermits"/>; the spec's by default.</summary>
    public TimeSpan BitgetRateLimitWindow { get; set; } = ExchangeRateLimits.BitgetSubAccountAssets.Window;

    /// <summary>
    /// Bitget main-account futures accounts: requests allowed per key in any <see cref="BitgetAccountsRateLimitWindow"/>,
    /// counted apart from the sub-account assets. The spec's limit by default (<see cref="ExchangeRateLimits.BitgetAccounts"/>).
    /// </summary>
    public int BitgetAccountsRateLimitPermits { get; set; } = ExchangeRateLimits.BitgetAccounts.PermitLimit;

    /// <summary>The window of <see cref="BitgetAccountsRateLimitPermits"/>; the spec's by default.</summary>
    public TimeSpan BitgetAccountsRateLimitWindow { get; set; } = ExchangeRateLimits.BitgetAccounts.Window;

    /// <summary>
    /// HTX reads: requests allowed per key in any <see cref="HtxRateLimitWindow"/>. HTX's documented read limit by
    /// default (<see cref="ExchangeRateLimits.HtxRead"/>, read from the spec).
    /// </summary>
    public int HtxRateLimitPermits { get; set; } = ExchangeRateLimits.HtxRead.PermitLimit;

    /// <summary>The window of <see cref="HtxRateLimitPermits"/>; the spec's by default.</summary>
    public TimeSpan HtxRateLimitWindow { get; set; } = ExchangeRateLimits.HtxRead.Window;

    /// <summary>How far ACCESS-TIMESTAMP may be from the simulated Bitget clock. 30 s by default.</summary>
    public TimeSpan BitgetTimestampTolerance { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How far the HTX Timestamp parameter may be from the simulated HTX clock. 5 min by default.</summary>
    public TimeSpan HtxTimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The loopback port to listen on; 0 (the default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>The least severe log level written to the console. Warning by default, so tests stay quiet.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>How many requests <see cref="SimulatorStatistics.Requests"/> remembers (the oldest are dropped). 10,000 by default.</summary>
    public int RequestLogCapacity { get; set; } = 10_000;

    /// <summary><paramref name="count"/> UIDs from <paramref name="first"/>, one apart.</summary>
    /// <param name="first">The first UID.</param>
    /// <param name="count">How many.</param>
    /// <returns>The UIDs.</returns>
    public static IReadOnlyList<long> ConsecutiveUids(long first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(first);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var uids = new long[count];
        for (var i = 0; i < count; i++)
        {
            uids[i] = first + i;
        }

        return uids;
    }

    internal void Validate()
    {
        Require(BitgetApiKey, nameof(BitgetApiKey));
        Require(BitgetApiSecret, nameof(BitgetApiSecret));
        Require(BitgetPassphrase, nameof(BitgetPassphrase));
        Require(HtxAccessKey, nameof(HtxAccessKey));
        Require(HtxSecretKey, nameof(HtxSecretKey));
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(HtxSubAccountUids);
        ArgumentNullException.ThrowIfNull(HtxInactiveSubAccountUids);
        ArgumentOutOfRangeException.ThrowIfNegative(BitgetSubAccountCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BitgetFirstUserId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BitgetRateLimitPermits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(HtxRateLimitPermits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BitgetAccountsRateLimitPermits);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BitgetAccountsRateLimitWindow, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BitgetMainUserId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BitgetRateLimitWindow, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HtxRateLimitWindow, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(BitgetTimestampTolerance, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(HtxTimestampTolerance, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65_535);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(RequestLogCapacity);
        foreach (var uid in HtxSubAccountUids)
        {
            if (uid <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(HtxSubAccountUids), uid, "Every HTX sub-account UID must be positive.");
            }
        }

        static void Require(string? value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"SimulatorOptions.{name} must not be empty.", name);
            }
        }
    }
}
