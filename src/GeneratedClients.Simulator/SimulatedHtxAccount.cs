namespace GeneratedClients.Simulator;

/// <summary>
/// One HTX cross margin account, as the simulator sends it. <c>money_in</c>, <c>money_out</c> and
/// <c>new_risk_rate</c> are always sent as <c>""</c>; <c>margin_mode</c> is <c>cross</c>.
/// </summary>
public sealed record SimulatedHtxAccount
{
    /// <summary><c>margin_mode</c>.</summary>
    public string MarginMode { get; init; } = "cross";

    /// <summary><c>margin_account</c>.</summary>
    public string MarginAccount { get; init; } = "USDT";

    /// <summary><c>margin_asset</c>.</summary>
    public string MarginAsset { get; init; } = "USDT";

    /// <summary><c>margin_balance</c>.</summary>
    public decimal MarginBalance { get; init; }

    /// <summary><c>margin_static</c>.</summary>
    public decimal MarginStatic { get; init; }

    /// <summary><c>margin_position</c>.</summary>
    public decimal MarginPosition { get; init; }

    /// <summary><c>margin_frozen</c>.</summary>
    public decimal MarginFrozen { get; init; }

    /// <summary><c>profit_real</c> (on the wire, not in the documentation's table).</summary>
    public decimal RealizedPnl { get; init; }

    /// <summary><c>profit_unreal</c>.</summary>
    public decimal UnrealizedPnl { get; init; }

    /// <summary><c>withdraw_available</c>.</summary>
    public decimal WithdrawAvailable { get; init; }

    /// <summary><c>risk_rate</c>; null (no position) is sent as JSON <c>null</c>.</summary>
    public decimal? RiskRate { get; init; }

    /// <summary><c>position_mode</c>.</summary>
    public required string PositionMode { get; init; }

    /// <summary><c>contract_detail</c>: the perpetual swaps.</summary>
    public required IReadOnlyList<SimulatedHtxContract> ContractDetail { get; init; }

    /// <summary><c>futures_contract_detail</c>: the delivery futures.</summary>
    public required IReadOnlyList<SimulatedHtxContract> FuturesContractDetail { get; init; }
}
