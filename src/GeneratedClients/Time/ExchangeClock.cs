namespace GeneratedClients.Time;

/// <summary>
/// The clock request timestamps are read from: the caller's <see cref="TimeProvider"/> plus the
/// measured offset to the exchange's server time. Timers and delays are the caller's, unchanged.
/// </summary>
internal sealed class ExchangeClock : TimeProvider
{
    /// <summary>Offsets beyond this are treated as a failed measurement.</summary>
    private static readonly TimeSpan MaxPlausibleOffset = TimeSpan.FromDays(365);

    private readonly TimeProvider _local;
    private readonly TimeSpan _refreshInterval;
    private readonly Lock _gate = new();
    private Task? _inFlight;
    private long _offsetTicks;
    private DateTimeOffset? _lastSync; // written under _gate or by the single measurement in flight
    private static long _measurementCount;
    private long _measurementSequence;

    public ExchangeClock(TimeProvider local, TimeSpan refreshInterval)
    {
        _local = local;
        _refreshInterval = refreshInterval;
    }

    /// <summary>
    /// Orders the successful measurements of every clock in the process (0: never measured), so that the telemetry can
    /// report the latest one per exchange whatever clock each was read with.
    /// </summary>
    public long MeasurementSequence => Interlocked.Read(ref _measurementSequence);

    /// <summary>Why the latest measurement failed; null once one succeeds (and before any).</summary>
    public ExchangeApiException? LastFailure { get; set; }

    /// <summary>True once a measurement has succeeded.</summary>
    public bool Measured => MeasurementSequence > 0;

    /// <summary>The exchange's time minus the local time, as last measured.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => _local.GetUtcNow() + Offset;

    public override long GetTimestamp() => _local.GetTimestamp();

    public override long TimestampFrequency => _local.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _local.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _local.CreateTimer(callback, state, dueTime, period);

    /// <summary>Measures the offset when it was never measured or is older than the refresh interval.</summary>
    public Task EnsureFreshAsync(Func<CancellationToken, Task<DateTimeOffset>> serverTime, Action<Exception> onFailure, CancellationToken cancellationToken)
    {
        return SyncAsync(serverTime, onFailure, force: false, cancellationToken);
    }

    /// <summary>
    /// Measures the offset: asks the exchange for its time and compares it with the local time halfway
    /// through the round trip. Concurrent callers share one measurement. A failure keeps the previous
    /// offset and is reported, never thrown.
    /// </summary>
    public Task SyncAsync(Func<CancellationToken, Task<DateTimeOffset>> serverTime, Action<Exception> onFailure, bool force, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_inFlight is { IsCompleted: false } running)
            {
                return running.WaitAsync(cancellationToken);
            }

            if (!force && _lastSync is DateTimeOffset last && _local.GetUtcNow() - last < _refreshInterval)
            {
                return Task.CompletedTask;
            }

            // The measurement is shared, so no single caller's token may cancel it; each caller waits with its own.
            _inFlight = MeasureAsync(serverTime, onFailure);
            return _inFlight.WaitAsync(cancellationToken);
        }
    }

    private async Task MeasureAsync(Func<CancellationToken, Task<DateTimeOffset>> serverTime, Action<Exception> onFailure)
    {
        var sent = _local.GetUtcNow();
        DateTimeOffset server;
        try
        {
            server = await serverTime(CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Why: a failed measurement must never fail the call; it is reported and the old offset kept.
        catch (Exception error)
#pragma warning restore CA1031
        {
            onFailure(error);
            _lastSync = _local.GetUtcNow();
            return;
        }

        var received = _local.GetUtcNow();
        var midpoint = sent + ((received - sent) / 2);
        var offset = server - midpoint;
        if (offset.Duration() > MaxPlausibleOffset)
        {
            // Why: a server time years away is a broken answer, not a clock to follow; applying it would make
            // every later timestamp unrepresentable or absurd.
            onFailure(new ExchangeApiException($"the server time {server:O} is {offset.TotalDays:0} days from the local clock; ignored"));
            _lastSync = received;
            return;
        }

        Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
        Interlocked.Exchange(ref _measurementSequence, Interlocked.Increment(ref _measurementCount));
        LastFailure = null;
        _lastSync = received;
    }
}
