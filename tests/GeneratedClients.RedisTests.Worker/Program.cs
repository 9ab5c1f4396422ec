// A child process of the Redis tests (tests/GeneratedClients.RedisTests): callers of one shared limiter, in a process
// of their own. Times are UTC ticks of the wall clock, the clock Redis's TIME reads on the same machine.
//
//   sweep --redis EP --prefix P --exchange E --key K --limit N --window-ms W --margin-ms M --callers C --requests R --max-hold-ms H
//       reads one line from stdin (the start signal, so that several workers start together), then C callers each make R
//       requests: acquire, hold a random 0..H ms (the request), release. Prints "request <granted> <released>" per
//       request (ticks just after the grant and just before the release), then "done".
//   hold --redis EP --prefix P --exchange E --key K --limit N --window-ms W --margin-ms M --max-in-flight-ms F --count K
//       prints "before <ticks>", acquires K single permits and keeps them, prints "held", then waits to be killed.
//   clients --redis EP --prefix P --simulator URL --access-key K --limit N --window-ms W --callers C --calls R --first-uid U
//       (secret key in the environment) C callers of one HtxClient limited through Redis call the simulator: see HtxCallers.cs.
using System.Globalization;
using GeneratedClients.Redis;
using GeneratedClients.RedisTests.Worker;
using StackExchange.Redis;

if (args.Length == 0 || args[0] is not ("sweep" or "hold" or "clients"))
{
    await Console.Error.WriteLineAsync("usage: GeneratedClients.RedisTests.Worker sweep|hold|clients --redis EP ... (see Program.cs)").ConfigureAwait(false);
    return 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

if (args[0] == "clients")
{
    return await HtxCallers.RunAsync(options).ConfigureAwait(false);
}

int Number(string name) => int.Parse(options[name], CultureInfo.InvariantCulture);

using var redis = await ConnectionMultiplexer.ConnectAsync(options["redis"] + ",abortConnect=false").ConfigureAwait(false);
var settings = new RedisRateLimitOptions
{
    KeyPrefix = options["prefix"],
    SafetyMargin = TimeSpan.FromMilliseconds(Number("margin-ms")),
};
if (options.ContainsKey("max-in-flight-ms"))
{
    settings.MaxInFlight = TimeSpan.FromMilliseconds(Number("max-in-flight-ms"));
}

using var limiter = RedisRateLimiter.ForKey(redis, options["exchange"], options["key"], Number("limit"), TimeSpan.FromMilliseconds(Number("window-ms")), settings);

if (args[0] == "hold")
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"before {DateTime.UtcNow.Ticks}"));
    var leases = new List<System.Threading.RateLimiting.RateLimitLease>();
    for (var i = 0; i < Number("count"); i++)
    {
        leases.Add(await limiter.AcquireAsync(1).ConfigureAwait(false));
    }

    Console.WriteLine(leases.TrueForAll(l => l.IsAcquired) ? "held" : "refused");
    await Task.Delay(Timeout.Infinite).ConfigureAwait(false);
    return 0;
}

_ = await Console.In.ReadLineAsync().ConfigureAwait(false);
var maxHold = Number("max-hold-ms");
var callers = Enumerable.Range(0, Number("callers")).Select(async _ =>
{
    for (var i = 0; i < Number("requests"); i++)
    {
        using var lease = await limiter.AcquireAsync(1).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException("The limiter refused a permit.");
        }

        var granted = DateTime.UtcNow.Ticks;
        await Task.Delay(Random.Shared.Next(0, maxHold + 1)).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"request {granted} {DateTime.UtcNow.Ticks}"));
    }
});
await Task.WhenAll(callers).ConfigureAwait(false);
Console.WriteLine("done");
return 0;
