namespace GeneratedClients.Htx;

/// <summary>Where a sweep stands after one more sub-account.</summary>
/// <param name="Completed">Sub-accounts done so far (succeeded or failed).</param>
/// <param name="Total">Sub-accounts in the sweep.</param>
/// <param name="Failed">Sub-accounts that failed so far.</param>
/// <param name="Latest">The outcome just finished.</param>
public sealed record HtxSweepProgress(int Completed, int Total, int Failed, HtxSubAccountOutcome Latest);
