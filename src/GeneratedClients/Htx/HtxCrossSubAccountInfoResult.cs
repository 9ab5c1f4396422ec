
namespace GeneratedClients.Htx;

/// <summary>
/// The cross-margin accounts of one sub-account, unwrapped from HTX's envelope: a read-only list with one entry per
/// margin account (with its swap and futures contract lists), plus the exchange's time stamp and what the client
/// read past.
/// </summary>
public sealed class HtxCrossSubAccountInfoResult : ExchangeResult<HtxCrossSubAccountInfo>
{
    internal HtxCrossSubAccountInfoResult(HtxCrossSubAccountInfoResponse response, IReadOnlyList<HtxCrossSubAccountInfo> data, long subUid, IReadOnlyList<WireDeviation> deviations)
        : base(data, deviations)
    {
        Response = response;
        SubUid = subUid;
    }

    /// <summary>The sub-account that was asked for.</summary>
    public long SubUid { get; }

    /// <summary>HTX's time of the response (<c>ts</c>), when it sent one.</summary>
    public DateTimeOffset? Timestamp => UnixTime.FromMilliseconds(Response.Timestamp);

    /// <summary>The whole envelope as received, read-only, including fields the spec does not describe (<c>AdditionalProperties</c>).</summary>
    public HtxCrossSubAccountInfoResponse Response { get; }
}
