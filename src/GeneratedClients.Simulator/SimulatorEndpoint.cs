namespace GeneratedClients.Simulator;

/// <summary>The endpoints the simulator serves.</summary>
public enum SimulatorEndpoint
{
    /// <summary>Any endpoint (for faults: the next request, whichever it is).</summary>
    Any = 0,

    /// <summary>Bitget <c>GET /api/v2/mix/account/sub-account-assets</c> (signed).</summary>
    BitgetSubAccountAssets,

    /// <summary>Bitget <c>GET /api/v2/public/time</c> (public).</summary>
    BitgetServerTime,

    /// <summary>HTX <c>POST /linear-swap-api/v1/swap_cross_sub_account_info</c> (signed).</summary>
    HtxCrossSubAccountInfo,

    /// <summary>HTX <c>GET /api/v1/timestamp</c> (public).</summary>
    HtxTimestamp,

    /// <summary>Bitget <c>GET /api/v2/mix/account/accounts</c> (signed): the main account's futures accounts.</summary>
    BitgetAccounts,
}
