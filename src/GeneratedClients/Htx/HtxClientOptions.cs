namespace GeneratedClients.Htx;

/// <summary>
/// Settings of a production <see cref="HtxClient"/> (the options constructor and
/// <c>services.AddHtxClient</c>); bound from the <c>Htx</c> configuration section by default.
/// </summary>
public sealed class HtxClientOptions : ExchangeClientOptions
{
    /// <summary>The configuration section read by <c>AddHtxClient(IConfiguration)</c> callers by convention.</summary>
    public const string SectionName = "Htx";

    /// <summary>The access key (AccessKeyId). Required.</summary>
    public string? AccessKey { get; set; }

    /// <summary>The secret key. Required; keep it in user-secrets or the environment, not in appsettings.json.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The host, unless <see cref="ExchangeClientOptions.BaseAddress"/> is set. Production by default.</summary>
    public HtxHost Host { get; set; } = HtxHost.Production;

    /// <summary>How many sub-accounts a sweep queries at once (the rate limiter still paces them). 8 by default.</summary>
    public int SweepConcurrency { get; set; } = 8;

    internal HtxCredentials CreateCredentials() => new(AccessKey!, SecretKey!);

    internal override void CheckExchangeSettings(OptionFailures failures)
    {
        failures.Required(AccessKey, nameof(AccessKey), "HTX access key");
        failures.Required(SecretKey, nameof(SecretKey), "HTX secret key");
        failures.Unless(Enum.IsDefined(Host), nameof(Host), "must be Production or Aws.");
        failures.Unless(SweepConcurrency is >= 1 and <= 256, nameof(SweepConcurrency), "must be between 1 and 256.");
    }

    /// <summary>The one rule of every constructor: <see cref="ExchangeClientOptions.BaseAddress"/>, else the HttpClient's own BaseAddress, else the <see cref="Host"/>.</summary>
    internal Uri ResolveBaseAddress(Uri? httpClientAddress = null) => BaseAddress ?? httpClientAddress ?? (Host == HtxHost.Aws ? HtxClient.AwsAddress : HtxClient.ProductionAddress);
}
