using System.Diagnostics;
using GeneratedClients.Bitget;
using GeneratedClients.IntegrationTests.Support;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace GeneratedClients.IntegrationTests;

/// <summary>
/// What a service sees with the OpenTelemetry SDK and two lines of set-up (AddMeter, AddSource): the calls against the
/// simulator over real HTTP, the spans of the calls with their attempts, and HttpClient's own span under each attempt.
/// </summary>
public class OpenTelemetryTests
{
    [Fact]
    public async Task A_service_with_AddMeter_and_AddSource_sees_the_calls_and_the_http_spans_nest_under_the_attempts()
    {
        await using var host = await Sim.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = host.BaseAddress };
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var root = new ActivitySource("GeneratedClients.IntegrationTests.OpenTelemetry");
        using (var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource("GeneratedClients", "System.Net.Http", root.Name)
            .AddInMemoryExporter(spans)
            .Build())
        using (var meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter("GeneratedClients")
            .AddInMemoryExporter(metrics)
            .Build())
        {
            using (var test = root.StartActivity("test"))
            {
                var client = new BitgetClient(http, Sim.BitgetOptions(host));
                await client.GetAccountsAsync(BitgetProductType.UsdtFutures);
                var htx = new GeneratedClients.Htx.HtxClient(http, Sim.HtxOptions(host));
                await htx.GetCrossSubAccountInfoAsync(host.Accounts.HtxSubAccountUids[0]);

                meters.ForceFlush();
                var trace = test!.TraceId;
                var mine = spans.Where(span => span.TraceId == trace).ToList();
                var call = Assert.Single(mine, span => span.DisplayName == "Bitget getAccounts");
                var attempt = Assert.Single(mine, span => span.DisplayName == "Bitget getAccounts attempt");
                Assert.Equal(call.SpanId, attempt.ParentSpanId);
                var request = Assert.Single(mine, span => span.Source.Name == "System.Net.Http" && span.ParentSpanId == attempt.SpanId);
                Assert.Equal(200, request.GetTagItem("http.response.status_code"));
                // HTX signs in the query string: .NET's HTTP spans redact query values, and ours never carry a URL.
                var htxRequest = Assert.Single(mine, span => span.Source.Name == "System.Net.Http" && span.Parent?.DisplayName == "HTX getCrossSubAccountInfo attempt");
                Assert.Equal("HTX getCrossSubAccountInfo", htxRequest.Parent!.Parent!.DisplayName);
                var secrets = new[] { host.Options.BitgetApiKey, host.Options.BitgetPassphrase, host.Options.HtxAccessKey, host.Accounts.HtxSubAccountUids[0].ToString(System.Globalization.CultureInfo.InvariantCulture) };
                Assert.DoesNotContain(mine, span => span.TagObjects.Any(tag => tag.Value is string text && secrets.Any(secret => text.Contains(secret, StringComparison.Ordinal))));

                Assert.Contains(metrics, metric => metric.Name == "generatedclients.client.requests");
                Assert.Contains(metrics, metric => metric.Name == "generatedclients.client.request.duration" && metric.Unit == "s");
                Assert.Contains(metrics, metric => metric.Name == "generatedclients.client.clock.offset");
            }
        }
    }
}
