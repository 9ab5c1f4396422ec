namespace GeneratedClients.Simulator;

/// <summary>Everything the endpoints share: options, data, clock, rate limits, faults and statistics.</summary>
internal sealed class SimulatorState : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private long _offsetTicks;

    public SimulatorState(SimulatorOptions options)
    {
        Options = options;
        Accounts = new SimulatedAccounts(options);
        Statistics = new SimulatorStatistics(options.RequestLogCapacity);
        BitgetLimits = new SlidingWindowLog(options.BitgetRateLimitPermits, options.BitgetRateLimitWindow, options.TimeProvider);
        BitgetAccountsLimits = new SlidingWindowLog(options.BitgetAccountsRateLimitPermits, options.BitgetAccountsRateLimitWindow, options.TimeProvider);
        HtxLimits = new SlidingWindowLog(options.HtxRateLimitPermits, options.HtxRateLimitWindow, options.TimeProvider);
        _offsetTicks = options.ClockOffset.Ticks;
    }

    public SimulatorOptions Options { get; }

    public SimulatedAccounts Accounts { get; }

    public SimulatorStatistics Statistics { get; }

    public SimulatorFaults Faults { get; } = new();

    public SlidingWindowLog BitgetLimits { get; }

    public SlidingWindowLog BitgetAccountsLimits { get; }

    public SlidingWindowLog HtxLimits { get; }

    /// <summary>Cancelled when the host stops, so that injected delays and endless bodies end with it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public TimeSpan ClockOffset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    /// <summary>The simulated exchanges' clock: the host clock plus the offset.</summary>
    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow() + ClockOffset;

    public void Stop() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();
}
