namespace GeneratedClients.Redis;

/// <summary>What one acquisition script answered.</summary>
internal enum RedisAnswer
{
    /// <summary>The permits were granted and logged.</summary>
    Granted = 0,

    /// <summary>Not enough permits are free; <see cref="RedisAttempt.WaitMicroseconds"/> says how long to wait before asking again.</summary>
    Full = 1,

    /// <summary>The script ran after the caller's deadline (it had been held back while Redis was unreachable) and granted nothing.</summary>
    Expired = 2,
}
