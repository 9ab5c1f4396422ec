namespace GeneratedClients.Simulator;

/// <summary>Which simulated exchange serves an endpoint.</summary>
internal static class SimulatorEndpointExtensions
{
    /// <summary>Whether HTX serves <paramref name="endpoint"/> (else Bitget; <see cref="SimulatorEndpoint.Any"/> counts as Bitget).</summary>
    public static bool IsHtx(this SimulatorEndpoint endpoint) =>
        endpoint is SimulatorEndpoint.HtxCrossSubAccountInfo or SimulatorEndpoint.HtxTimestamp;
}
