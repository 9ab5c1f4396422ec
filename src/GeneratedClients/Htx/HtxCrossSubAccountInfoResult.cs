namespace GeneratedClients.Htx;

/// <summary>
/// The cross-margin accounts of one sub-account, unwrapped from HTX's envelope: a read-only list with one entry per
/// margin account (with its swap and futures contract lists), plus the exchange's time stamp and what the client
/// read past.
/// </summary>
public sealed class HtxCrossSubAccountInfoResult : ExchangeResult<HtxCrossSubAccountInfo, HtxCrossSubAccountInfoResponse>
{
    internal HtxCrossSubAccountInfoResult(HtxCrossSubAccountInfoResponse response, IReadOnlyList<HtxCrossSubAccountInfo> data, long subUid, IReadOnlyList<WireDeviation> deviations)
        : base(response, data, deviations)
    {
        SubUid = subUid;
        Timestamp = UnixTime.FromMilliseconds(response.Timestamp);
    }

    /// <summary>The sub-account that was asked for.</summary>
    public long SubUid { get; }

    /// <summary>HTX's time of the response (<c>ts</c>), when it sent one.</summary>
    public DateTimeOffset? Timestamp { get; }
}
