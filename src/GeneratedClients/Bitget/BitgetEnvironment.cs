namespace GeneratedClients.Bitget;

/// <summary>Where a Bitget client trades: production, or Bitget's demo trading (paper trading).</summary>
public enum BitgetEnvironment
{
    /// <summary>Real funds; the product types without the S prefix.</summary>
    Production = 0,

    /// <summary>Demo trading: sends <c>paptrading: 1</c> and needs the S-prefixed product types (SUSDT-FUTURES, ...).</summary>
    DemoTrading = 1,
}
