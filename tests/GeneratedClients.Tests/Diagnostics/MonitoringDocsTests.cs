using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GeneratedClients.Diagnostics;
using GeneratedClients.Htx;
using GeneratedClients.Tests.Support;
using RichardSzalay.MockHttp;

namespace GeneratedClients.Tests.Diagnostics;

/// <summary>The README's Monitoring table is the meter: the same instruments, units and tags.</summary>
[Collection(TelemetryGroup.Name)]
public sealed partial class MonitoringDocsTests
{
    private sealed record Row(string Name, string Unit, string[] Tags);

    private static List<Row> Table()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("## Monitoring", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        return [.. TableRow().Matches(section).Select(m => new Row(
            m.Groups["name"].Value,
            m.Groups["unit"].Value,
            [.. Code().Matches(m.Groups["tags"].Value).Select(t => t.Groups[1].Value)]))];
    }

    private static List<Instrument> Instruments()
    {
        _ = ExchangeTelemetry.Meter; // the instruments exist once the telemetry is initialised
        var instruments = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == ExchangeTelemetry.Name)
                {
                    instruments.Add(instrument);
                }
            },
        };
        listener.Start();
        return instruments;
    }

    [Fact]
    public void The_table_lists_every_instrument_with_its_unit_and_nothing_else()
    {
        var table = Table();
        var instruments = Instruments();

        Assert.Equal(8, instruments.Count);
        Assert.Equal(
            instruments.Select(i => (i.Name, i.Unit ?? string.Empty)).Order(),
            table.Select(r => (r.Name, r.Unit)).Order());
        Assert.All(instruments, i => Assert.False(string.IsNullOrWhiteSpace(i.Description), $"{i.Name} has no description"));
        Assert.All(instruments, i => Assert.Matches("^generatedclients(\\.[a-z_]+)+$", i.Name)); // OpenTelemetry's naming: lower case, dots, snake_case words
    }

    [Fact]
    public async Task The_tags_each_instrument_records_are_the_ones_the_table_names()
    {
        var table = Table().ToDictionary(r => r.Name);
        var seen = new Dictionary<string, HashSet<string>>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ExchangeTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Add(instrument, tags));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Add(instrument, tags));
        listener.Start();

        // A sweep with a retried call and a failed sub-account, through a limiter and with clock synchronisation.
        var calls = 0;
        using var handler = new MockHttpMessageHandler();
        // Why now and not the sample's 2020 time: the client runs on the real clock, and an offset of years is ignored as
        // implausible, which left the clock offset gauge to whatever clocks other tests had measured (order-dependent).
        handler.When("*/api/v1/timestamp").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($$"""{"status":"ok","ts":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}""", System.Text.Encoding.UTF8, "application/json"),
        });
        handler.When("*").Respond(async request =>
        {
            var uid = (long)JsonNode.Parse(await request.Content!.ReadAsStringAsync())!["sub_uid"]!;
            var body = uid == 2 ? Samples.Read("htx", "getCrossSubAccountInfo.200.not-enabled.json") : Samples.Read("htx", "getCrossSubAccountInfo.200.json");
            return Interlocked.Increment(ref calls) == 1
                ? new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>502</html>") }
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) };
        });
        var options = new HtxClientOptions { AccessKey = Fakes.HtxKey, SecretKey = Fakes.HtxSecret };
        options.RateLimit.Registry = new RateLimiterRegistry();
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        options.Retry.UseJitter = false;
        await new HtxClient(new HttpClient(handler), options).GetCrossSubAccountInfoAsync([1, 2, 3]);

        // And a call whose permit the limiter refuses (its queue is full).
        using var full = new System.Threading.RateLimiting.ConcurrencyLimiter(new() { PermitLimit = 1, QueueLimit = 0 });
        using var held = full.AttemptAcquire();
        var refusing = new HtxClientOptions { AccessKey = Fakes.HtxKey, SecretKey = Fakes.HtxSecret };
        refusing.RateLimit.Limiter = full;
        refusing.Retry.Enabled = false;
        refusing.ClockSync.Enabled = false;
        await Assert.ThrowsAsync<ExchangeRateLimitException>(() => new HtxClient(new HttpClient(handler), refusing).GetCrossSubAccountInfoAsync(1));
        listener.RecordObservableInstruments();

        lock (seen)
        {
            // Every instrument of the table was recorded, each with exactly the tags the table names.
            Assert.Equal(table.Keys.Order(), seen.Keys.Order());
            Assert.All(seen, pair => Assert.Equal(table[pair.Key].Tags.Order(), pair.Value.Order()));
        }

        void Add(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var keys = new List<string>();
            foreach (var tag in tags)
            {
                keys.Add(tag.Key);
            }

            lock (seen)
            {
                if (!seen.TryGetValue(instrument.Name, out var set))
                {
                    seen[instrument.Name] = set = [];
                }

                set.UnionWith(keys);
            }
        }
    }

    [GeneratedRegex(@"^\| `(?<name>generatedclients\.[a-z_.]+)` \| `(?<unit>[^`]*)` \| (?<tags>[^|]*) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
