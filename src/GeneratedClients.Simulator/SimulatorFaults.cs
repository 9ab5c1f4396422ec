namespace GeneratedClients.Simulator;

/// <summary>
/// The faults waiting for requests (<c>host.Faults.Enqueue(new SimulatorFault(...))</c>). A request takes
/// the oldest queued fault whose endpoint matches its own (or is <see cref="SimulatorEndpoint.Any"/>);
/// the fault leaves the queue once it has applied to <see cref="SimulatorFault.Count"/> requests.
/// An <c>X-Sim-Fault</c> header on a request wins over the queue (and leaves it untouched).
/// </summary>
public sealed class SimulatorFaults
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];

    /// <summary>How many queued faults still have requests to apply to.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Queues a fault for the next <see cref="SimulatorFault.Count"/> requests of its endpoint.</summary>
    /// <param name="fault">The fault.</param>
    public void Enqueue(SimulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fault.Count);
        if (!Enum.IsDefined(fault.Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(fault), fault.Kind, "Not a fault kind.");
        }

        if (fault.Kind == SimulatorFaultKind.ExchangeError && (!fault.HasValidErrorCode || string.IsNullOrEmpty(fault.ErrorMessage)))
        {
            throw new ArgumentException("An ExchangeError fault needs an ErrorCode of 1 to 9 digits and an ErrorMessage.", nameof(fault));
        }

        lock (_gate)
        {
            _entries.Add(new Entry(fault, fault.Count));
        }
    }

    /// <summary>Drops every queued fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal SimulatorFault? TryTake(SimulatorEndpoint endpoint)
    {
        lock (_gate)
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                var entry = _entries[i];
                if (entry.Fault.Endpoint != SimulatorEndpoint.Any && entry.Fault.Endpoint != endpoint)
                {
                    continue;
                }

                if (--entry.Remaining == 0)
                {
                    _entries.RemoveAt(i);
                }

                return entry.Fault;
            }

            return null;
        }
    }

    private sealed class Entry(SimulatorFault fault, int remaining)
    {
        public SimulatorFault Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;
    }
}
