namespace GeneratedClients.Simulator;

/// <summary>One Bitget sub-account in the sub-account assets answer.</summary>
/// <param name="UserId">The sub-account's userId (sent as a JSON number).</param>
/// <param name="Assets">One asset per margin coin (<c>assetList</c>).</param>
public sealed record SimulatedBitgetSubAccount(long UserId, IReadOnlyList<SimulatedBitgetAsset> Assets);
