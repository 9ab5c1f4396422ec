using System.Collections.Concurrent;

namespace GeneratedClients.Simulator;

/// <summary>What the simulator has seen: counters per exchange and a log of recent requests.</summary>
public sealed class SimulatorStatistics
{
    private readonly ConcurrentQueue<SimulatorRequestRecord> _log = new();
    private readonly int _capacity;
    private long _sequence;

    internal SimulatorStatistics(int capacity) => _capacity = capacity;

    /// <summary>Bitget's counters.</summary>
    public SimulatorCounters Bitget { get; } = new();

    /// <summary>HTX's counters.</summary>
    public SimulatorCounters Htx { get; } = new();

    /// <summary>Requests received on both exchanges.</summary>
    public long Received => Bitget.Received + Htx.Received;

    /// <summary>Requests answered normally on both exchanges.</summary>
    public long Served => Bitget.Served + Htx.Served;

    /// <summary>Requests refused by a rate limit on both exchanges.</summary>
    public long RateLimited => Bitget.RateLimited + Htx.RateLimited;

    /// <summary>Requests with a signature that did not verify, on both exchanges.</summary>
    public long BadSignatures => Bitget.BadSignatures + Htx.BadSignatures;

    /// <summary>The most recent requests, oldest first, each recorded once it has been answered.</summary>
    public IReadOnlyList<SimulatorRequestRecord> Requests => [.. _log.OrderBy(r => r.Sequence)];

    /// <summary>The recorded requests to one endpoint, oldest first.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <returns>The requests.</returns>
    public IReadOnlyList<SimulatorRequestRecord> RequestsTo(SimulatorEndpoint endpoint) => [.. Requests.Where(r => r.Endpoint == endpoint)];

    /// <summary>Sets every counter to zero and forgets the logged requests.</summary>
    public void Reset()
    {
        Bitget.Reset();
        Htx.Reset();
        _log.Clear();
    }

    internal SimulatorCounters For(SimulatorEndpoint endpoint) =>
        endpoint.IsHtx() ? Htx : Bitget;

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal void Record(SimulatorRequestRecord record)
    {
        _log.Enqueue(record);
        while (_log.Count > _capacity && _log.TryDequeue(out _))
        {
        }
    }
}
