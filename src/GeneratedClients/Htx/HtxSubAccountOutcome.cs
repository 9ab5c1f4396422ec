namespace GeneratedClients.Htx;

/// <summary>The outcome of one sub-account in a sweep: its result, or the typed error that stopped it.</summary>
/// <param name="SubUid">The sub-account.</param>
/// <param name="Result">The assets, when the call succeeded.</param>
/// <param name="Error">Why the call failed, when it did.</param>
public sealed record HtxSubAccountOutcome(long SubUid, HtxCrossSubAccountInfoResult? Result, ExchangeApiException? Error)
{
    /// <summary>True when <see cref="Result"/> holds the assets.</summary>
    public bool Succeeded => Result is not null;
}
