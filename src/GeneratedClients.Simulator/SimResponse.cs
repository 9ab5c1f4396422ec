namespace GeneratedClients.Simulator;

/// <summary>An answer, built in memory so that a fault can still cut or break it.</summary>
internal sealed record SimResponse(int Status, string ContentType, byte[] Body, SimulatorOutcome Outcome, string? ErrorCode);
