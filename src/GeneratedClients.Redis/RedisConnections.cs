using System.Collections.Concurrent;
using StackExchange.Redis;

namespace GeneratedClients.Redis;

/// <summary>The connections <c>UseRedisRateLimit(configuration)</c> opened in one container: one per configuration, closed with the container.</summary>
internal sealed class RedisConnections : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ConnectionMultiplexer>> _connections = new(StringComparer.Ordinal);

    public IConnectionMultiplexer For(ConfigurationOptions configuration) =>
        _connections.GetOrAdd(configuration.ToString(includePassword: true), _ => new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(configuration.Clone()))).Value;

    public void Dispose()
    {
        foreach (var connection in _connections.Values.Where(c => c.IsValueCreated))
        {
            connection.Value.Dispose();
        }
    }
}
