using System.Diagnostics.Metrics;
using System.Globalization;

namespace GeneratedClients.Cli;

/// <summary>
/// For <c>--verbose</c>: listens to the library's <c>GeneratedClients</c> meter while a command runs and prints, at the
/// end, how many calls were made (by outcome), how many attempts were retried, and how long the rate limiter made them wait.
/// </summary>
internal sealed class CallSummary : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _retries;
    private double _waited;
    private long _waits;

    public CallSummary()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "GeneratedClients" && instrument.Name is "generatedclients.client.requests" or "generatedclients.client.retries" or "generatedclients.client.rate_limit.wait")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    outcome = tag.Value as string;
                }
            }

            lock (_gate)
            {
                if (instrument.Name == "generatedclients.client.retries")
                {
                    _retries += value;
                }
                else
                {
                    _outcomes[outcome ?? "unknown"] = _outcomes.GetValueOrDefault(outcome ?? "unknown") + value;
                }
            }
        });
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (_gate)
            {
                _waited += value;
                _waits++;
            }
        });
        _listener.Start();
    }

    /// <summary>One line: calls by outcome, retries, the limiter's total wait.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            var calls = _outcomes.Values.Sum();
            var outcomes = string.Join(", ", _outcomes.OrderByDescending(pair => pair.Value).Select(pair => $"{pair.Value} {pair.Key}"));
            return string.Create(CultureInfo.InvariantCulture, $"calls: {calls}{(calls > 0 ? $" ({outcomes})" : "")}; retries: {_retries}; rate-limiter wait: {_waited:0.###} s over {_waits} attempt(s)");
        }
    }

    public void Dispose() => _listener.Dispose();
}
