namespace GeneratedClients.Htx;

/// <summary>
/// A sweep of HTX sub-accounts stopped by its caller's cancellation token: the outcomes finished before it are kept
/// here, so a cancelled sweep loses nothing it already fetched.
/// </summary>
public sealed class HtxSweepCanceledException : OperationCanceledException
{
    /// <summary>Creates the exception for a cancelled sweep.</summary>
    /// <param name="completedOutcomes">The outcomes of the sub-accounts finished before the cancellation, in the order given.</param>
    /// <param name="canceledSubUids">The sub-accounts not finished, in the order given.</param>
    /// <param name="innerException">The cancellation that stopped the sweep.</param>
    /// <param name="cancellationToken">The caller's token that fired.</param>
    public HtxSweepCanceledException(IReadOnlyList<HtxSubAccountOutcome> completedOutcomes, IReadOnlyList<long> canceledSubUids, Exception? innerException, CancellationToken cancellationToken)
        : base($"The HTX sweep was cancelled after {completedOutcomes?.Count ?? 0} sub-accounts; {canceledSubUids?.Count ?? 0} were not finished.", innerException, cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completedOutcomes);
        ArgumentNullException.ThrowIfNull(canceledSubUids);
        CompletedOutcomes = completedOutcomes.ToArray().AsReadOnly();
        CanceledSubUids = canceledSubUids.ToArray().AsReadOnly();
    }

    /// <summary>The outcomes (results and typed errors) of the sub-accounts finished before the cancellation, in the order given.</summary>
    public IReadOnlyList<HtxSubAccountOutcome> CompletedOutcomes { get; }

    /// <summary>The sub-accounts the sweep did not finish, in the order given.</summary>
    public IReadOnlyList<long> CanceledSubUids { get; }
}
