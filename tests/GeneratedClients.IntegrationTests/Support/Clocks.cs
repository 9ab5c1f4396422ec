namespace GeneratedClients.IntegrationTests.Support;

/// <summary>
/// The system clock moved by a fixed offset (a machine whose clock is wrong); timers stay real. Why not FakeTimeProvider:
/// its time stands still unless a test moves it, and these tests need a clock that runs, only wrong.
/// </summary>
internal sealed class OffsetClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}

