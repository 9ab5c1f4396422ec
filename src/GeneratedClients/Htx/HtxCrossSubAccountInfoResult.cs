namespace GeneratedClients.Htx;

/// <summary>
/// The cross-margin accounts of one sub-account, unwrapped from HTX's envelope: one entry per margin
/// account (with its swap and futures contract lists), plus the exchange's time stamp.
/// </summary>
public sealed class HtxCrossSubAccountInfoResult : ExchangeResult<HtxCrossSubAccountInfo>
{
    internal HtxCrossSubAccountInfoResult(HtxCrossSubAccountInfoResponse response, long subUid)
        : base(response.Data)
    {
        Response = response;
        SubUid = subUid;
    }

    /// <summary>The sub-account that was asked for.</summary>
    public long SubUid { get; }

    /// <summary>HTX's time of the response (<c>ts</c>), when it sent one.</summary>
    public DateTimeOffset? Timestamp => Response.Ts is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>The whole envelope as received, including fields the spec does not describe.</summary>
    public HtxCrossSubAccountInfoResponse Response { get; }
}
