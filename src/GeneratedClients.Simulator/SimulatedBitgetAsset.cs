namespace GeneratedClients.Simulator;

/// <summary>One margin coin of a Bitget sub-account, as the simulator sends it (amounts as decimal strings).</summary>
public sealed record SimulatedBitgetAsset
{
    /// <summary><c>marginCoin</c>.</summary>
    public required string MarginCoin { get; init; }

    /// <summary><c>locked</c>.</summary>
    public decimal Locked { get; init; }

    /// <summary><c>available</c>.</summary>
    public decimal Available { get; init; }

    /// <summary><c>crossedMaxAvailable</c>.</summary>
    public decimal CrossedMaxAvailable { get; init; }

    /// <summary><c>isolatedMaxAvailable</c>.</summary>
    public decimal IsolatedMaxAvailable { get; init; }

    /// <summary><c>maxTransferOut</c>.</summary>
    public decimal MaxTransferOut { get; init; }

    /// <summary>Sent as <c>accountEquity</c> (the wire's name), never as <c>equity</c> (the documentation's).</summary>
    public decimal AccountEquity { get; init; }

    /// <summary><c>usdtEquity</c>.</summary>
    public decimal UsdtEquity { get; init; }

    /// <summary><c>btcEquity</c>.</summary>
    public decimal BtcEquity { get; init; }

    /// <summary><c>unrealizedPL</c>.</summary>
    public decimal UnrealizedPL { get; init; }

    /// <summary><c>coupon</c>; null is sent as the empty string <c>""</c>.</summary>
    public decimal? Coupon { get; init; }
}
