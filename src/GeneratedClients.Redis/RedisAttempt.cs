namespace GeneratedClients.Redis;

/// <summary>The answer of one acquisition script, in Redis time (microseconds since the Unix epoch).</summary>
/// <param name="Answer">Granted, full or expired.</param>
/// <param name="RedisNow">Redis's clock when the script ran.</param>
/// <param name="Held">Permits counted after the script (the grant included).</param>
/// <param name="WaitMicroseconds">When full: the time until a permit may free up; look again then.</param>
internal readonly record struct RedisAttempt(RedisAnswer Answer, long RedisNow, long Held, long WaitMicroseconds);
