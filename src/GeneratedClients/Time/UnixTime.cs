namespace GeneratedClients.Time;

/// <summary>Unix milliseconds from the wire, checked: a value outside what <see cref="DateTimeOffset"/> holds is not a time.</summary>
internal static class UnixTime
{
    private static readonly long Min = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long Max = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static DateTimeOffset? FromMilliseconds(long? milliseconds) =>
        milliseconds is long ms && ms >= Min && ms <= Max ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
