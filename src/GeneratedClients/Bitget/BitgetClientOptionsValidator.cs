namespace GeneratedClients.Bitget;

/// <summary>Validates <see cref="BitgetClientOptions"/>: the shared settings, the three credentials, the locale and the environment.</summary>
public sealed class BitgetClientOptionsValidator() : ExchangeClientOptionsValidator<BitgetClientOptions>(BitgetClientOptions.SectionName);
