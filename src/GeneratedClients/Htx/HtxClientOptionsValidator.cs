namespace GeneratedClients.Htx;

/// <summary>Validates <see cref="HtxClientOptions"/>: the shared settings, the two keys, the host and the sweep concurrency.</summary>
public sealed class HtxClientOptionsValidator() : ExchangeClientOptionsValidator<HtxClientOptions>(HtxClientOptions.SectionName);
