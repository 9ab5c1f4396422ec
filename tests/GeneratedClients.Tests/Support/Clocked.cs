using Microsoft.Extensions.Time.Testing;
namespace GeneratedClients.Tests.Support;

/// <summary>Runs work that waits on a <see cref="FakeTimeProvider"/>, moving the clock forward until it finishes.</summary>
internal static class Clocked
{
    public static async Task<T> RunAsync<T>(FakeTimeProvider clock, Task<T> work, TimeSpan step, int maxSteps = 100_000)
    {
        for (var i = 0; i < maxSteps && !work.IsCompleted; i++)
        {
            // Let continuations run on the thread pool, then move time on.
            await Task.Delay(1);
            if (!work.IsCompleted)
            {
                clock.Advance(step);
            }
        }

        return await work;
    }

    public static async Task RunAsync(FakeTimeProvider clock, Task work, TimeSpan step, int maxSteps = 100_000)
    {
        await RunAsync(clock, work.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), step, maxSteps);
    }
}
