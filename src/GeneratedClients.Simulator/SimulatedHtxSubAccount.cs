namespace GeneratedClients.Simulator;

/// <summary>One HTX sub-account.</summary>
/// <param name="SubUid">The UID.</param>
/// <param name="Activated">False when contract trading is not activated: HTX then answers with no data.</param>
/// <param name="Accounts">Its cross margin accounts (USDT only).</param>
public sealed record SimulatedHtxSubAccount(long SubUid, bool Activated, IReadOnlyList<SimulatedHtxAccount> Accounts);
