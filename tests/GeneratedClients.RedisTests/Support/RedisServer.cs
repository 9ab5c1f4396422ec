using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace GeneratedClients.RedisTests.Support;

/// <summary>
/// A redis-server of the tests' own, on a free loopback port, without persistence: started before the first test
/// of the collection, stopped after the last. The tests never touch a server they did not start. Tests may stop
/// and start it again (same port) to play an outage.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private Process? _process;

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; } = FreePort();

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public Task InitializeAsync() => StartAsync();

    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    /// <summary>A connection that reconnects quickly by itself (what the README recommends, with short timeouts for tests).</summary>
    public async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var options = ConfigurationOptions.Parse(Endpoint);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 1000;
        options.AsyncTimeout = 2000;
        options.SyncTimeout = 2000;
        options.ReconnectRetryPolicy = new LinearRetry(250);
        options.AllowAdmin = true;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    /// <summary>Starts the server (again) and returns once it answers PING.</summary>
    public async Task StartAsync()
    {
        var executable = FindOnPath("redis-server") ?? await InstallAsync() ?? throw new InvalidOperationException(
            "redis-server is not on PATH and could not be installed here (that needs root and apt-get). The Redis tests start " +
            "their own server on a free loopback port; install it first (Debian/Ubuntu: apt-get install -y redis-server).");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var clock = Stopwatch.StartNew();
        while (!await AnswersPingAsync())
        {
            if (process.HasExited || clock.Elapsed > StartTimeout)
            {
                Stop();
                lock (output)
                {
                    throw new InvalidOperationException($"redis-server on port {Port} did not answer PING within {StartTimeout.TotalSeconds} s:\n{output}");
                }
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server (no shutdown, no save) and waits until it has exited.</summary>
    public void Stop()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(1));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static readonly SemaphoreSlim Installing = new(1, 1);

    /// <summary>
    /// On a fresh Debian/Ubuntu machine where the tests run as root (CI, a container), installs the redis-server package
    /// once, so that the README's test command needs no set-up step; elsewhere returns null and the caller says what to do.
    /// </summary>
    private static async Task<string?> InstallAsync()
    {
        await Installing.WaitAsync();
        try
        {
            if (FindOnPath("redis-server") is { } found)
            {
                return found;
            }

            if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal) || FindOnPath("apt-get") is not { } aptGet)
            {
                return null;
            }

            foreach (var arguments in new[] { new[] { "update", "-qq" }, new[] { "install", "-y", "-qq", "redis-server" } })
            {
                var run = new ProcessStartInfo(aptGet) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                run.Environment["DEBIAN_FRONTEND"] = "noninteractive";
                foreach (var argument in arguments)
                {
                    run.ArgumentList.Add(argument);
                }

                using var process = Process.Start(run)!;
                var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
                await process.WaitForExitAsync();
                await drain;
            }

            return FindOnPath("redis-server");
        }
        finally
        {
            Installing.Release();
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>Every Redis test shares one server and runs one after another (some stop the server for a while).</summary>
[CollectionDefinition(Name)]
public sealed class SharedRedisServer : ICollectionFixture<RedisServer>
{
    public const string Name = "redis-server";
}
