using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace GeneratedClients.Cli;

/// <summary>
/// What the tool knows of each exchange's clock, through the library's public surface only: the offset the library
/// measured, read from its gauge <c>generatedclients.client.clock.offset</c> (which reports an exchange only once a
/// measurement succeeded), and, when there is none, why: the library's warning that it could not read the exchange's
/// server time, taken from the clients' log. A client's own <c>ClockOffset</c> cannot tell: it is zero both when the
/// exchange's clock agrees and when nothing was measured.
/// </summary>
internal sealed class ClockReadings
{
    private const string MeterName = "GeneratedClients";
    private const string OffsetGauge = "generatedclients.client.clock.offset";

    /// <summary>The library's log event for a server-time request that failed (the previous offset is kept).</summary>
    private const string SyncFailedEvent = "ClockSyncFailed";

    private readonly ConcurrentDictionary<string, string> _failures = new(StringComparer.Ordinal);

    /// <summary>A logger for a client, which keeps the clock-synchronisation failures it reports (and drops everything else).</summary>
    public ILogger<T> LoggerFor<T>() => new ClientLog<T>(this);

    /// <summary>The offset of <paramref name="exchange"/>'s clock (exchange minus this machine) as measured; null when no measurement succeeded.</summary>
    public static TimeSpan? Measured(string exchange)
    {
        TimeSpan? offset = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == OffsetGauge)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "exchange" && tag.Value as string == exchange)
                {
                    offset = TimeSpan.FromSeconds(seconds);
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return offset;
    }

    /// <summary>Why the last server-time request to <paramref name="exchange"/> failed (the error's category and message), or null.</summary>
    public string? FailureOf(string exchange) => _failures.GetValueOrDefault(exchange);

    /// <summary>The exit code a failed server-time request stands for: a network error, or else an exchange error.</summary>
    public static int ExitCodeOf(string failure)
    {
        var colon = failure.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && Enum.TryParse<ExchangeErrorCategory>(failure[..colon], out var category) && category == ExchangeErrorCategory.Network
            ? ExitCodes.NetworkError
            : ExitCodes.ExchangeError;
    }

    private sealed class ClientLog<T>(ClockReadings readings) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name != SyncFailedEvent || state is not IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                return;
            }

            string? exchange = null;
            string? reason = null;
            foreach (var (key, value) in fields)
            {
                exchange = key == "Exchange" ? value as string : exchange;
                reason = key == "Reason" ? value as string : reason;
            }

            if (exchange is not null)
            {
                readings._failures[exchange] = reason ?? formatter(state, exception);
            }
        }
    }
}
