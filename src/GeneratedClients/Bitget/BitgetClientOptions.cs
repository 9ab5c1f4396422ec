namespace GeneratedClients.Bitget;

/// <summary>
/// Settings of a production <see cref="BitgetClient"/> (the options constructor and
/// <c>services.AddBitgetClient</c>); bound from the <c>Bitget</c> configuration section by default.
/// </summary>
public sealed class BitgetClientOptions : ExchangeClientOptions
{
    /// <summary>The configuration section read by <c>AddBitgetClient(IConfiguration)</c> callers by convention.</summary>
    public const string SectionName = "Bitget";

    /// <summary>The API key (ACCESS-KEY). Required.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API secret. Required; keep it in user-secrets or the environment, not in appsettings.json.</summary>
    public string? ApiSecret { get; set; }

    /// <summary>The API passphrase. Required.</summary>
    public string? Passphrase { get; set; }

    /// <summary>Production or demo trading. Production by default.</summary>
    public BitgetEnvironment Environment { get; set; } = BitgetEnvironment.Production;

    /// <summary>The language of Bitget's error messages (<c>locale</c> header). <c>en-US</c> by default.</summary>
    public string Locale { get; set; } = "en-US";

    internal BitgetCredentials CreateCredentials() => new(ApiKey!, ApiSecret!, Passphrase!);

    internal override void CheckExchangeSettings(OptionFailures failures)
    {
        failures.Required(ApiKey, nameof(ApiKey), "Bitget API key");
        failures.Required(ApiSecret, nameof(ApiSecret), "Bitget API secret");
        failures.Required(Passphrase, nameof(Passphrase), "Bitget API passphrase");
        failures.Unless(!string.IsNullOrWhiteSpace(Locale), nameof(Locale), "must not be empty (for example en-US).");
        failures.Unless(Enum.IsDefined(Environment), nameof(Environment), "must be Production or DemoTrading.");
    }
}
