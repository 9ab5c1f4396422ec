using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using GeneratedClients.Bitget;
using GeneratedClients.Diagnostics;
using GeneratedClients.Htx;
using GeneratedClients.Tests.Support;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using RichardSzalay.MockHttp;

namespace GeneratedClients.Tests.Diagnostics;

/// <summary>The tests that read the process-wide meter run alone, so that no other test's calls are counted with theirs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryGroup
{
    public const string Name = "telemetry (process-wide meter)";
}

/// <summary>
/// The <c>GeneratedClients</c> meter and activity source, seen as an OpenTelemetry SDK would see them (MetricCollector,
/// ActivityListener): calls, attempts, retries, limiter waits and refusals, error categories, sweeps, the clock offset;
/// spans per call with attempts as children; and no secret or sub-account id in any tag.
/// </summary>
[Collection(TelemetryGroup.Name)]
public sealed class TelemetryTests : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);
    private readonly ActivitySource _testSource = new("GeneratedClients.Tests.Telemetry");
    private readonly ActivityListener _listener;
    private readonly List<Activity> _spans = [];
    private readonly Activity _root;

    public TelemetryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ExchangeTelemetry.Name or "GeneratedClients.Tests.Telemetry",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (_spans)
                {
                    _spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _root = _testSource.StartActivity("test")!; // the calls below are its descendants: only they are read
    }

    public void Dispose()
    {
        _root.Dispose();
        _listener.Dispose();
        _testSource.Dispose();
    }

    /// <summary>The spans of this test's calls (same trace as its root), finished so far.</summary>
    private List<Activity> Spans()
    {
        lock (_spans)
        {
            return [.. _spans.Where(span => span.TraceId == _root.TraceId && span.Source.Name == ExchangeTelemetry.Name)];
        }
    }

    private static string Bitget200 => Samples.Read("bitget", "getSubAccountAssets.200.json");

    private static BitgetClientOptions Options(Action<BitgetClientOptions>? change = null)
    {
        var options = new BitgetClientOptions { ApiKey = Fakes.BitgetKey, ApiSecret = Fakes.BitgetSecret, Passphrase = Fakes.BitgetPassphrase };
        options.RateLimit.Registry = new RateLimiterRegistry();
        options.ClockSync.Enabled = false;
        options.Retry.UseJitter = false;
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        change?.Invoke(options);
        return options;
    }

    /// <summary>Answers the asset endpoint with the given (status, body) in turn, the last repeating; records the signatures sent.</summary>
    private static (HttpClient Http, List<string> Signatures) Bitget(params (int Status, string Body)[] answers)
    {
        var handler = new MockHttpMessageHandler();
        var signatures = new List<string>();
        var next = 0;
        handler.When("*/api/v2/public/time").Respond("application/json", $$$"""{"code":"00000","msg":"success","requestTime":{{{Fakes.BitgetTime}}},"data":{"serverTime":"{{{Fakes.BitgetTime + 1500}}}"}}""");
        handler.When("*/api/v2/mix/account/*").Respond(request =>
        {
            lock (signatures)
            {
                signatures.Add(MockExchange.Header(request, "ACCESS-SIGN"));
            }

            var (status, body) = answers[Math.Min(Interlocked.Increment(ref next) - 1, answers.Length - 1)];
            return new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        });
        return (new HttpClient(handler), signatures);
    }

    [Fact]
    public async Task A_successful_call_is_one_request_one_attempt_and_one_span_with_an_attempt_child()
    {
        using var requests = new MetricCollector<long>(ExchangeTelemetry.Requests);
        using var durations = new MetricCollector<double>(ExchangeTelemetry.RequestDuration);
        using var attempts = new MetricCollector<double>(ExchangeTelemetry.AttemptDuration);
        var (http, _) = Bitget((200, Bitget200));

        await new BitgetClient(http, Options()).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        var request = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal(1, request.Value);
        Assert.Equal(new Dictionary<string, object?> { ["exchange"] = "Bitget", ["operation"] = "getSubAccountAssets", ["outcome"] = "success" }, request.Tags);
        Assert.InRange(Assert.Single(durations.GetMeasurementSnapshot()).Value, 0, 10);
        var attempt = Assert.Single(attempts.GetMeasurementSnapshot());
        Assert.Equal(200, attempt.Tags["http.response.status_code"]);
        Assert.Equal("success", attempt.Tags["outcome"]);

        var spans = Spans();
        var call = Assert.Single(spans, span => span.DisplayName == "Bitget getSubAccountAssets");
        Assert.Equal(ActivityKind.Client, call.Kind);
        Assert.Equal(_root.SpanId, call.ParentSpanId);
        Assert.NotEqual(ActivityStatusCode.Error, call.Status);
        var child = Assert.Single(spans, span => span.DisplayName == "Bitget getSubAccountAssets attempt");
        Assert.Equal(call.SpanId, child.ParentSpanId);
        Assert.Equal(200, child.GetTagItem("http.response.status_code"));
        Assert.Equal(1, child.GetTagItem("generatedclients.attempt"));
    }

    [Fact]
    public async Task A_retried_call_counts_the_retry_by_its_reason_and_each_attempt()
    {
        using var requests = new MetricCollector<long>(ExchangeTelemetry.Requests);
        using var retries = new MetricCollector<long>(ExchangeTelemetry.Retries);
        using var attempts = new MetricCollector<double>(ExchangeTelemetry.AttemptDuration);
        var (http, _) = Bitget((429, """{"code":"429","msg":"Too Many Requests","requestTime":1,"data":null}"""), (200, Bitget200));

        await new BitgetClient(http, Options(o => o.RateLimit.Enabled = false)).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        var retry = Assert.Single(retries.GetMeasurementSnapshot());
        Assert.Equal("rate_limited", retry.Tags["reason"]);
        Assert.Equal("success", Assert.Single(requests.GetMeasurementSnapshot()).Tags["outcome"]);
        Assert.Equal([("rate_limited", 429), ("success", 200)], attempts.GetMeasurementSnapshot().Select(m => ((string)m.Tags["outcome"]!, (int)m.Tags["http.response.status_code"]!)));
        var call = Assert.Single(Spans(), span => span.DisplayName == "Bitget getSubAccountAssets");
        var children = Spans().Where(span => span.ParentSpanId == call.SpanId).OrderBy(span => span.StartTimeUtc).ToList();
        Assert.Equal(2, children.Count);
        Assert.Equal(ActivityStatusCode.Error, children[0].Status);
        Assert.Equal("rate_limited", children[0].GetTagItem("error.type"));
        Assert.Equal("429", children[0].GetTagItem("generatedclients.exchange.code"));
        Assert.NotEqual(ActivityStatusCode.Error, children[1].Status);
    }

    [Fact]
    public async Task A_wait_for_the_limiter_is_measured_and_shows_on_the_attempt_span()
    {
        using var waits = new MetricCollector<double>(ExchangeTelemetry.RateLimitWait);
        var clock = TestTime.At(Fakes.BitgetTime);
        var (http, _) = Bitget((200, Bitget200));
        var client = new BitgetClient(http, Options(), clock);

        await Clocked.RunAsync(clock, client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures), Step);
        await Clocked.RunAsync(clock, client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures), Step); // 1 per 10 s: waits

        var measured = waits.GetMeasurementSnapshot();
        Assert.Equal(2, measured.Count);
        Assert.True(measured[1].Value > measured[0].Value, $"the second attempt waited {measured[1].Value} s, the first {measured[0].Value} s");
        var waited = Spans().Where(span => span.DisplayName.EndsWith(" attempt", StringComparison.Ordinal)).OrderBy(span => span.StartTimeUtc).Last();
        var wait = Assert.Single(waited.Events, e => e.Name == "rate_limit.wait");
        Assert.True((double)wait.Tags.Single(tag => tag.Key == "generatedclients.rate_limit.wait").Value! > 0);
    }

    [Fact]
    public async Task The_meter_and_the_source_carry_the_package_version()
    {
        var project = System.Xml.Linq.XDocument.Load(Path.Combine(RepoPaths.Root, "src", "GeneratedClients", "GeneratedClients.csproj"));
        var version = project.Descendants("Version").Single().Value;
        Meter? meter = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == "GeneratedClients")
                {
                    meter = instrument.Meter;
                }
            },
        };
        listener.Start();

        var (http, _) = Bitget((200, Bitget200));
        await new BitgetClient(http, Options()).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.NotNull(meter);
        Assert.Equal(version, meter.Version);
        var call = Assert.Single(Spans(), span => span.DisplayName == "Bitget getSubAccountAssets");
        Assert.Equal("GeneratedClients", call.Source.Name);
        Assert.Equal(version, call.Source.Version);
    }

    [Fact]
    public async Task A_refused_permit_is_counted_and_the_call_fails_as_rate_limited()
    {
        using var refused = new MetricCollector<long>(ExchangeTelemetry.RateLimitRefused);
        using var requests = new MetricCollector<long>(ExchangeTelemetry.Requests);
        using var attempts = new MetricCollector<double>(ExchangeTelemetry.AttemptDuration);
        using var full = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 0 });
        using var held = full.AttemptAcquire();
        var (http, _) = Bitget((200, Bitget200));

        await Assert.ThrowsAsync<ExchangeRateLimitException>(() =>
            new BitgetClient(http, Options(o => { o.RateLimit.Limiter = full; o.Retry.Enabled = false; })).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        Assert.Equal(1, Assert.Single(refused.GetMeasurementSnapshot()).Value);
        Assert.Equal("rate_limited", Assert.Single(requests.GetMeasurementSnapshot()).Tags["outcome"]);
        Assert.Equal("rate_limited", Assert.Single(attempts.GetMeasurementSnapshot()).Tags["outcome"]);
        var attempt = Assert.Single(Spans(), span => span.DisplayName == "Bitget getSubAccountAssets attempt");
        Assert.Equal(ActivityStatusCode.Error, attempt.Status);
        Assert.Equal("rate_limited", attempt.GetTagItem("error.type"));
    }

    [Fact]
    public async Task A_limiter_that_cannot_be_consulted_fails_the_attempt_span_and_names_the_exchange_not_the_limit_group()
    {
        using var attempts = new MetricCollector<double>(ExchangeTelemetry.AttemptDuration);
        var (http, _) = Bitget((200, Bitget200));
        var options = Options(o =>
        {
            o.Retry.Enabled = false;
            o.RateLimit.LimiterFactory = (group, _, _, _) => new UnreachableLimiter(group);
        });

        var error = await Assert.ThrowsAnyAsync<ExchangeApiException>(() => new BitgetClient(http, options).GetAccountsAsync(BitgetProductType.UsdtFutures));

        Assert.Equal(ExchangeErrorCategory.RateLimiterUnavailable, error.Category);
        Assert.Equal("Bitget", error.Exchange); // the limiter named its group, "Bitget-accounts"
        Assert.Equal("rate_limiter_unavailable", Assert.Single(attempts.GetMeasurementSnapshot()).Tags["outcome"]);
        var attempt = Assert.Single(Spans(), span => span.DisplayName == "Bitget getAccounts attempt");
        Assert.Equal(ActivityStatusCode.Error, attempt.Status);
        Assert.Equal("rate_limiter_unavailable", attempt.GetTagItem("error.type"));
    }

    [Fact]
    public async Task A_call_its_caller_cancels_marks_the_attempt_span_and_records_the_attempt_as_canceled()
    {
        using var attempts = new MetricCollector<double>(ExchangeTelemetry.AttemptDuration);
        using var cancel = new CancellationTokenSource();
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond(async () =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, cancel.Token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new BitgetClient(new HttpClient(handler), Options(o => o.Retry.Enabled = false)).GetAccountsAsync(BitgetProductType.UsdtFutures, cancel.Token));

        Assert.Equal("canceled", Assert.Single(attempts.GetMeasurementSnapshot()).Tags["outcome"]);
        var attempt = Assert.Single(Spans(), span => span.DisplayName == "Bitget getAccounts attempt");
        Assert.Equal(ActivityStatusCode.Error, attempt.Status);
        Assert.Equal("canceled", attempt.GetTagItem("error.type"));
    }

    /// <summary>A shared limiter whose store is down: every acquisition fails as the Redis package's does.</summary>
    private sealed class UnreachableLimiter(string group) : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => throw Unreachable();

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) => throw Unreachable();

        private ExchangeApiException Unreachable() => ExchangeApiException.Create(new ExchangeErrorDetails
        {
            Exchange = group,
            Category = ExchangeErrorCategory.RateLimiterUnavailable,
            Description = "the shared store could not be reached",
        });
    }

    [Fact]
    public async Task An_error_category_is_the_outcome_and_the_span_says_why_without_the_message()
    {
        using var requests = new MetricCollector<long>(ExchangeTelemetry.Requests);
        var (http, _) = Bitget((400, """{"code":"40009","msg":"sign signature error","requestTime":1,"data":null}"""));

        await Assert.ThrowsAsync<ExchangeAuthenticationException>(() => new BitgetClient(http, Options()).GetAccountsAsync(BitgetProductType.UsdtFutures));

        var request = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal("authentication", request.Tags["outcome"]);
        Assert.Equal("getAccounts", request.Tags["operation"]);
        var call = Assert.Single(Spans(), span => span.DisplayName == "Bitget getAccounts");
        Assert.Equal(ActivityStatusCode.Error, call.Status);
        Assert.Equal("authentication", call.GetTagItem("error.type"));
        Assert.Equal("40009", call.GetTagItem("generatedclients.exchange.code"));
        Assert.Equal(400, call.GetTagItem("http.response.status_code"));
        Assert.DoesNotContain(call.TagObjects, tag => tag.Value is string text && text.Contains("signature error", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_error_category_has_an_outcome_of_its_own_the_category_in_snake_case()
    {
        foreach (var category in Enum.GetValues<ExchangeErrorCategory>())
        {
            var snakeCase = string.Concat(category.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

            Assert.Equal(snakeCase, ExchangeTelemetry.Outcome(category));
        }

        Assert.Equal("rate_limiter_unavailable", ExchangeTelemetry.Outcome(ExchangeErrorCategory.RateLimiterUnavailable));
    }

    [Fact]
    public async Task A_sweep_counts_its_sub_accounts_by_outcome()
    {
        using var swept = new MetricCollector<long>(ExchangeTelemetry.SweepSubAccounts);
        using var handler = new MockHttpMessageHandler();
        handler.When("*").Respond(async request =>
        {
            var uid = (long)JsonNode.Parse(await request.Content!.ReadAsStringAsync())!["sub_uid"]!;
            var body = uid == 3 ? Samples.Read("htx", "getCrossSubAccountInfo.200.not-enabled.json") : Samples.Read("htx", "getCrossSubAccountInfo.200.json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) };
        });

        await new HtxClient(new HttpClient(handler), Fakes.Htx(), TestTime.At(Fakes.HtxTime)).GetCrossSubAccountInfoAsync([1, 2, 3]);

        var byOutcome = swept.GetMeasurementSnapshot().GroupBy(m => (string)m.Tags["outcome"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(new Dictionary<string, long> { ["success"] = 2, ["not_enabled"] = 1 }, byOutcome);
        Assert.All(swept.GetMeasurementSnapshot(), m => Assert.Equal("HTX", m.Tags["exchange"]));
    }

    [Fact]
    public async Task The_clock_offset_gauge_reports_the_measured_offset_per_exchange()
    {
        var (http, _) = Bitget((200, Bitget200));
        var client = new BitgetClient(http, Options(o => o.ClockSync.Enabled = true), TestTime.At(Fakes.BitgetTime));
        await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        using var offsets = new MetricCollector<double>(ExchangeTelemetry.ClockOffset);

        offsets.RecordObservableInstruments();

        var bitget = Assert.Single(offsets.GetMeasurementSnapshot(), m => (string?)m.Tags["exchange"] == "Bitget");
        Assert.Equal(client.ClockOffset.TotalSeconds, bitget.Value);
        Assert.Equal(1.5, bitget.Value, precision: 3); // the fake server is 1.5 s ahead
    }

    [Fact]
    public async Task No_tag_span_attribute_or_event_holds_a_secret_a_signature_or_a_sub_account_id()
    {
        const long SubUid = 7_654_321_987;
        var values = new List<string>();
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
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => Collect(tags));
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) => Collect(tags));
        listener.Start();

        var (http, signatures) = Bitget((503, """{"code":"50000","msg":"busy","requestTime":1,"data":null}"""), (400, """{"code":"40009","msg":"sign signature error","requestTime":1,"data":null}"""));
        await Assert.ThrowsAnyAsync<ExchangeApiException>(() => new BitgetClient(http, Options(o => o.ClockSync.Enabled = true)).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));
        using var htxHandler = new MockHttpMessageHandler();
        var htxSignatures = new List<string>();
        var htxAnswers = new Queue<string>([Samples.Read("htx", "getCrossSubAccountInfo.200.not-enabled.json"), Samples.Read("htx", "getCrossSubAccountInfo.200.json")]);
        htxHandler.When("*").Respond(request =>
        {
            var signature = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["Signature"]!;
            lock (htxSignatures)
            {
                htxSignatures.Add(signature);
                htxSignatures.Add(Uri.EscapeDataString(signature));
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(htxAnswers.Count > 1 ? htxAnswers.Dequeue() : htxAnswers.Peek()) };
            }
        });
        await new HtxClient(new HttpClient(htxHandler), Fakes.Htx(), TestTime.At(Fakes.HtxTime)).GetCrossSubAccountInfoAsync([SubUid, SubUid + 1]);
        listener.RecordObservableInstruments();

        foreach (var span in Spans())
        {
            values.Add(span.DisplayName);
            values.AddRange(span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"));
            values.AddRange(span.Events.SelectMany(e => e.Tags.Select(tag => $"{e.Name} {tag.Key}={tag.Value}")));
            values.Add(span.StatusDescription ?? string.Empty);
        }

        Assert.NotEmpty(signatures);
        Assert.NotEmpty(htxSignatures);
        var forbidden = Fakes.Secrets.Concat(signatures).Concat(htxSignatures).Append((SubUid + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(SubUid.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        lock (values)
        {
            Assert.True(values.Count > 20, $"only {values.Count} values were seen");
            Assert.All(values, value => Assert.DoesNotContain(forbidden, secret => value.Contains(secret, StringComparison.Ordinal)));
        }

        void Collect(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var seen = new List<string>();
            foreach (var tag in tags)
            {
                seen.Add($"{tag.Key}={tag.Value}");
            }

            lock (values)
            {
                values.AddRange(seen);
            }
        }
    }
}
