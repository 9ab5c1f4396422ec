using System.Collections;

namespace GeneratedClients.Htx;

/// <summary>
/// The cross-margin accounts of one sub-account, unwrapped from HTX's envelope: one entry per margin
/// account (with its swap and futures contract lists), plus the exchange's time stamp.
/// </summary>
public sealed class HtxCrossSubAccountInfoResult : IReadOnlyList<HtxCrossSubAccountInfo>
{
    private readonly IReadOnlyList<HtxCrossSubAccountInfo> _accounts;

    internal HtxCrossSubAccountInfoResult(HtxCrossSubAccountInfoResponse response, long subUid)
    {
        Response = response;
        SubUid = subUid;
        _accounts = response.Data is IReadOnlyList<HtxCrossSubAccountInfo> list ? list : [.. response.Data ?? []];
    }

    /// <summary>The sub-account that was asked for.</summary>
    public long SubUid { get; }

    /// <summary>HTX's time of the response (<c>ts</c>), when it sent one.</summary>
    public DateTimeOffset? Timestamp => Response.Ts is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>The whole envelope as received, including fields the spec does not describe.</summary>
    public HtxCrossSubAccountInfoResponse Response { get; }

    /// <inheritdoc />
    public int Count => _accounts.Count;

    /// <inheritdoc />
    public HtxCrossSubAccountInfo this[int index] => _accounts[index];

    /// <inheritdoc />
    public IEnumerator<HtxCrossSubAccountInfo> GetEnumerator() => _accounts.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
