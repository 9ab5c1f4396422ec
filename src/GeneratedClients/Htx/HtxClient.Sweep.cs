namespace GeneratedClients.Htx;

public sealed partial class HtxClient
{
    /// <summary>
    /// Gets the cross-margin assets of many sub-accounts, one request each, as fast as the rate limit
    /// allows (<see cref="SweepConcurrency"/> in flight). One failure loses nothing else: every
    /// sub-account gets its own outcome, a result or a typed error.
    /// </summary>
    /// <param name="subUids">The sub-account UIDs (positive); a UID listed twice is queried once.</param>
    /// <param name="marginAccount">The margin account (<c>"USDT"</c>); null for all margin accounts.</param>
    /// <param name="progress">Told after each sub-account, with its outcome; optional.</param>
    /// <param name="cancellationToken">Stops the sweep promptly; the sub-accounts already done are kept (see the exception).</param>
    /// <returns>One outcome per distinct sub-account, in the order given.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A UID is not positive (checked before any request).</exception>
    /// <exception cref="HtxSweepCanceledException">
    /// <paramref name="cancellationToken"/> fired: an <see cref="OperationCanceledException"/> for that token that carries
    /// the outcomes of the sub-accounts finished before it (<see cref="HtxSweepCanceledException.CompletedOutcomes"/>)
    /// and the UIDs left undone (<see cref="HtxSweepCanceledException.CanceledSubUids"/>).
    /// </exception>
    public async Task<IReadOnlyList<HtxSubAccountOutcome>> GetCrossSubAccountInfoAsync(
        IEnumerable<long> subUids,
        string? marginAccount = null,
        IProgress<HtxSweepProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subUids);
        CheckMarginAccount(marginAccount);
        var uids = new List<long>();
        var seen = new HashSet<long>();
        foreach (var uid in subUids)
        {
            if (uid <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(subUids), uid, "Every sub-account UID must be positive.");
            }

            if (seen.Add(uid))
            {
                uids.Add(uid);
            }
        }

        var outcomes = new HtxSubAccountOutcome[uids.Count];
        var completed = 0;
        var failed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = SweepConcurrency, CancellationToken = cancellationToken };
        try
        {
            await SweepAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException canceled) when (cancellationToken.IsCancellationRequested)
        {
            // Why: the caller's cancellation ends the sweep at once, but what was already fetched is not thrown away.
            var done = outcomes.Where(outcome => outcome is not null).ToList();
            var undone = uids.Where((_, index) => outcomes[index] is null).ToList();
            throw new HtxSweepCanceledException(done, undone, canceled, cancellationToken);
        }

        return outcomes;

        Task SweepAsync() => Parallel.ForEachAsync(Enumerable.Range(0, uids.Count), parallel, async (index, token) =>
        {
            HtxSubAccountOutcome outcome;
            try
            {
                outcome = new HtxSubAccountOutcome(uids[index], await GetCrossSubAccountInfoAsync(uids[index], marginAccount, token).ConfigureAwait(false), null);
            }
            catch (ExchangeApiException error)
            {
                outcome = new HtxSubAccountOutcome(uids[index], null, error);
                Interlocked.Increment(ref failed);
            }

            Volatile.Write(ref outcomes[index], outcome);
            ExchangeTelemetry.SweepSubAccounts.Add(1, new KeyValuePair<string, object?>(ExchangeTelemetry.ExchangeTag, ExchangeName), new KeyValuePair<string, object?>(ExchangeTelemetry.OutcomeTag, outcome.Error is null ? ExchangeTelemetry.Success : ExchangeTelemetry.Outcome(outcome.Error.Category)));
            progress?.Report(new HtxSweepProgress(Interlocked.Increment(ref completed), uids.Count, Volatile.Read(ref failed), outcome));
        });
    }
}

/// <summary>The outcome of one sub-account in a sweep: its result, or the typed error that stopped it.</summary>
/// <param name="SubUid">The sub-account.</param>
/// <param name="Result">The assets, when the call succeeded.</param>
/// <param name="Error">Why the call failed, when it did.</param>
public sealed record HtxSubAccountOutcome(long SubUid, HtxCrossSubAccountInfoResult? Result, ExchangeApiException? Error)
{
    /// <summary>True when <see cref="Result"/> holds the assets.</summary>
    public bool Succeeded => Result is not null;
}

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
        CompletedOutcomes = completedOutcomes ?? throw new ArgumentNullException(nameof(completedOutcomes));
        CanceledSubUids = canceledSubUids ?? throw new ArgumentNullException(nameof(canceledSubUids));
    }

    /// <summary>The outcomes (results and typed errors) of the sub-accounts finished before the cancellation, in the order given.</summary>
    public IReadOnlyList<HtxSubAccountOutcome> CompletedOutcomes { get; }

    /// <summary>The sub-accounts the sweep did not finish, in the order given.</summary>
    public IReadOnlyList<long> CanceledSubUids { get; }
}

/// <summary>Where a sweep stands after one more sub-account.</summary>
/// <param name="Completed">Sub-accounts done so far (succeeded or failed).</param>
/// <param name="Total">Sub-accounts in the sweep.</param>
/// <param name="Failed">Sub-accounts that failed so far.</param>
/// <param name="Latest">The outcome just finished.</param>
public sealed record HtxSweepProgress(int Completed, int Total, int Failed, HtxSubAccountOutcome Latest);
