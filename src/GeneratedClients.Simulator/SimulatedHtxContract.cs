namespace GeneratedClients.Simulator;

/// <summary>One contract of an HTX cross margin account.</summary>
public sealed record SimulatedHtxContract
{
    /// <summary><c>symbol</c>.</summary>
    public required string Symbol { get; init; }

    /// <summary><c>contract_code</c>.</summary>
    public required string ContractCode { get; init; }

    /// <summary><c>margin_position</c>.</summary>
    public decimal MarginPosition { get; init; }

    /// <summary><c>margin_frozen</c>.</summary>
    public decimal MarginFrozen { get; init; }

    /// <summary><c>margin_available</c>.</summary>
    public decimal MarginAvailable { get; init; }

    /// <summary><c>profit_unreal</c>.</summary>
    public decimal UnrealizedPnl { get; init; }

    /// <summary><c>liquidation_price</c>; null (no position) is sent as JSON <c>null</c>.</summary>
    public decimal? LiquidationPrice { get; init; }

    /// <summary><c>lever_rate</c>.</summary>
    public decimal LeverRate { get; init; }

    /// <summary><c>adjust_factor</c>.</summary>
    public decimal AdjustFactor { get; init; }

    /// <summary><c>contract_type</c>.</summary>
    public required string ContractType { get; init; }

    /// <summary><c>cross_max_available</c>; null is sent as <c>""</c>, or left out when <see cref="CrossMaxAvailableOmitted"/>.</summary>
    public decimal? CrossMaxAvailable { get; init; }

    /// <summary>True when the item leaves <c>cross_max_available</c> out altogether.</summary>
    public bool CrossMaxAvailableOmitted { get; init; }

    /// <summary><c>trade_partition</c> (the wire sends <c>""</c>).</summary>
    public string TradePartition { get; init; } = "";

    /// <summary><c>pair</c>.</summary>
    public required string Pair { get; init; }

    /// <summary><c>business_type</c>.</summary>
    public required string BusinessType { get; init; }
}
