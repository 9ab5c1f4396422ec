using GeneratedClients.Redis;
using GeneratedClients.RedisTests.Support;

namespace GeneratedClients.RedisTests;

/// <summary>Settings and arguments are checked when the limiter is built, with messages that name what is wrong.</summary>
[Collection(SharedRedisServer.Name)]
public sealed class OptionsTests(RedisServer redis)
{
    public static TheoryData<string, Action<RedisRateLimitOptions>> InvalidSettings() => new()
    {
        { "KeyPrefix", o => o.KeyPrefix = " " },
        { "KeyPrefix", o => o.KeyPrefix = "two words" },
        { "SafetyMargin", o => o.SafetyMargin = TimeSpan.FromMilliseconds(-1) },
        { "MaxInFlight", o => o.MaxInFlight = TimeSpan.Zero },
        { "OperationTimeout", o => o.OperationTimeout = TimeSpan.Zero },
        { "OperationTimeout", o => o.OperationTimeout = TimeSpan.FromMinutes(2) },
        { "FallbackShare", o => o.FallbackShare = 0 },
        { "FallbackShare", o => o.FallbackShare = 1.5 },
        { "FallbackShare", o => o.FallbackShare = double.NaN },
        { "FallbackShare", o => o.FallbackShare = 0.1 }, // floor(5 × 0.1) = 0 permits
        { "QueueLimit", o => o.QueueLimit = -1 },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task An_invalid_setting_is_refused_with_its_name(string name, Action<RedisRateLimitOptions> spoil)
    {
        using var connection = await redis.ConnectAsync();
        var options = new RedisRateLimitOptions();
        spoil(options);

        var error = Assert.ThrowsAny<ArgumentException>(() => RedisRateLimiter.ForKey(connection, "htx", "key", 5, TimeSpan.FromSeconds(1), options));

        Assert.Contains("RedisRateLimitOptions." + name, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("htx:read")]
    [InlineData("h t x")]
    public async Task An_exchange_name_that_could_blur_the_key_is_refused(string exchange)
    {
        using var connection = await redis.ConnectAsync();

        Assert.Throws<ArgumentException>(() => RedisRateLimiter.ForKey(connection, exchange, "key", 5, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task The_defaults_are_the_documented_ones_and_the_limiter_keeps_a_copy_of_its_settings()
    {
        using var connection = await redis.ConnectAsync();
        var options = new RedisRateLimitOptions();

        Assert.Equal("generatedclients:ratelimit", options.KeyPrefix);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.SafetyMargin);
        Assert.Equal(TimeSpan.FromMinutes(1), options.MaxInFlight);
        Assert.Equal(TimeSpan.FromSeconds(3), options.OperationTimeout);
        Assert.Null(options.FallbackShare);
        Assert.Equal(int.MaxValue, options.QueueLimit);

        using var limiter = RedisRateLimiter.ForKey(connection, "HTX", "key", ExchangeRateLimits.HtxRead, options);
        options.MaxInFlight = TimeSpan.FromSeconds(5);

        Assert.Equal(72, limiter.PermitLimit);
        Assert.Equal(TimeSpan.FromSeconds(3), limiter.Window);
        Assert.Equal(TimeSpan.FromMinutes(1), limiter.MaxInFlight);
        Assert.Null(limiter.FallbackPermitLimit);
        Assert.StartsWith("generatedclients:ratelimit:htx:", limiter.Key, StringComparison.Ordinal);
    }
}
