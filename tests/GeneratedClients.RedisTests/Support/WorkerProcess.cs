using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace GeneratedClients.RedisTests.Support;

/// <summary>A GeneratedClients.RedisTests.Worker child process (see its Program.cs): its output lines, its stdin, and kill -9.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _errors = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
            }
            else
            {
                _lines.Writer.TryWrite(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the worker with <paramref name="arguments"/>.</summary>
    public static WorkerProcess Start(params string[] arguments) => Start([], arguments);

    /// <summary>Starts the worker with <paramref name="arguments"/> and these variables added to its environment (for what stays off the command line).</summary>
    public static WorkerProcess Start(IEnumerable<KeyValuePair<string, string>> environment, params string[] arguments)
    {
        // Why DOTNET_HOST_PATH: `dotnet test` sets it to the muxer that runs the tests; the same one runs the worker.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GeneratedClients.RedisTests.Worker.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("The worker did not start."));
    }

    /// <summary>The next output line, or an exception with the worker's error output if it ends or takes longer than <paramref name="timeout"/>.</summary>
    public async Task<string> ReadLineAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _lines.Reader.ReadAsync(cancel.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            lock (_errors)
            {
                throw new InvalidOperationException($"The worker gave no further line within {timeout.TotalSeconds} s (exited: {_process.HasExited}). Its errors:\n{_errors}", e);
            }
        }
    }

    /// <summary>Writes one line to the worker's stdin.</summary>
    public async Task SendLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Kills the worker at once (SIGKILL: no finally blocks, no disposal, no release) and waits until it is gone.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
    }
}
