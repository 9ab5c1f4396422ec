namespace GeneratedClients;

/// <summary>
/// Synchronisation with the exchange's server time, so that request timestamps stay inside the
/// exchange's window (Bitget 30 s, HTX 5 min) even when the local clock drifts.
/// </summary>
public sealed class ExchangeClockSyncOptions
{
    /// <summary>Whether the offset to the exchange's clock is measured and applied. On by default.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the offset is measured again. 15 min by default.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(15);
}
