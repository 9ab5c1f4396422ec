using Microsoft.Extensions.Time.Testing;

namespace GeneratedClients.Tests.Support;

/// <summary>Frozen clocks (<see cref="FakeTimeProvider"/>) at the moments the tests use; timers fire when a test advances them.</summary>
internal static class TestTime
{
    public static FakeTimeProvider At(long unixMilliseconds) => new(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds));

    public static FakeTimeProvider At(DateTimeOffset time) => new(time);
}
