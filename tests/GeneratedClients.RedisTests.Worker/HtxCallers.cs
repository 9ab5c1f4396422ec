using System.Globalization;
using GeneratedClients.Htx;
using GeneratedClients.Redis;
using StackExchange.Redis;

namespace GeneratedClients.RedisTests.Worker;

/// <summary>
/// The worker's <c>clients</c> mode: concurrent callers of one <see cref="HtxClient"/> whose limit is in Redis (the
/// <c>RateLimit.UseRedis</c> wiring users write), against a simulator another process hosts.
/// </summary>
internal static class HtxCallers
{
    /// <summary>The environment variable that holds the simulator's HTX secret key (kept off the command line).</summary>
    public const string SecretKeyVariable = "GENERATEDCLIENTS_WORKER_HTX_SECRET_KEY";

    /// <summary>
    /// Builds the client, prints "ready", waits for a line on stdin (the start signal), then C callers each make R calls
    /// on sub-accounts of their own (UIDs from --first-uid on); prints "call {started} {ended} {ok or the error category}"
    /// per call (UTC ticks), then "done".
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        int Number(string name) => int.Parse(options[name], CultureInfo.InvariantCulture);

        using var redis = await ConnectionMultiplexer.ConnectAsync(options["redis"] + ",abortConnect=false").ConfigureAwait(false);
        var clientOptions = new HtxClientOptions
        {
            AccessKey = options["access-key"],
            SecretKey = Environment.GetEnvironmentVariable(SecretKeyVariable),
            BaseAddress = new Uri(options["simulator"]),
        };
        clientOptions.RateLimit.PermitLimit = Number("limit");
        clientOptions.RateLimit.Window = TimeSpan.FromMilliseconds(Number("window-ms"));
        clientOptions.RateLimit.UseRedis(redis, new RedisRateLimitOptions { KeyPrefix = options["prefix"] });
        clientOptions.Retry.Enabled = false; // a refusal by the exchange shows as a failed call, not hidden by a retry
        using var http = new HttpClient();
        var client = new HtxClient(http, clientOptions);

        Console.WriteLine("ready");
        _ = await Console.In.ReadLineAsync().ConfigureAwait(false);
        var firstUid = long.Parse(options["first-uid"], CultureInfo.InvariantCulture);
        var calls = Number("calls");
        await Task.WhenAll(Enumerable.Range(0, Number("callers")).Select(async caller =>
        {
            for (var i = 0; i < calls; i++)
            {
                var started = DateTime.UtcNow.Ticks;
                string outcome;
                try
                {
                    await client.GetCrossSubAccountInfoAsync(firstUid + (caller * calls) + i, "USDT").ConfigureAwait(false);
                    outcome = "ok";
                }
                catch (ExchangeApiException error)
                {
                    outcome = error.Category.ToString();
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"call {started} {DateTime.UtcNow.Ticks} {outcome}"));
            }
        })).ConfigureAwait(false);
        Console.WriteLine("done");
        return 0;
    }
}
