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
        var reporting = new Lock();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = SweepConcurrency, CancellationToken = cancellationToken };
        try
        {
            await SweepAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException canceled) when (cancellationToken.IsCancellationRequested)
        {
            // Why: the caller's cancellation ends the sweep at once, but what was already fetched is not thrown away.
            var done = outcomes.Where(outcome => outcome is not null).ToArray().AsReadOnly();
            var undone = uids.Where((_, index) => outcomes[index] is null).ToArray().AsReadOnly();
            throw new HtxSweepCanceledException(done, undone, canceled, cancellationToken);
        }

        return outcomes.AsReadOnly();

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
            }

            Volatile.Write(ref outcomes[index], outcome);
            ExchangeTelemetry.SweepSubAccounts.Add(1, new KeyValuePair<string, object?>(ExchangeTelemetry.ExchangeTag, ExchangeName), new KeyValuePair<string, object?>(ExchangeTelemetry.OutcomeTag, outcome.Error is null ? ExchangeTelemetry.Success : ExchangeTelemetry.Outcome(outcome.Error.Category)));

            // Why the lock: the counts and the report go out together, so an IProgress<T> that acts at once sees
            // Completed 1, 2, 3, … in order, whatever the concurrency.
            lock (reporting)
            {
                completed++;
                failed += outcome.Error is null ? 0 : 1;
                progress?.Report(new HtxSweepProgress(completed, uids.Count, failed, outcome));
            }
        });
    }
}
