using System.Diagnostics.CodeAnalysis;

namespace GeneratedClients.Pipeline;

/// <summary>
/// What truly differs between exchanges, for <see cref="ExchangeCore{TTransport}"/>: how a request is signed, where the server time comes from, and the errors only this
/// exchange's transport throws. Envelopes and their codes are each exchange's own (BitgetEnvelope, HtxEnvelope).
/// </summary>
/// <typeparam name="TTransport">The generated client of the exchange's spec (BitgetApi, HtxApi).</typeparam>
internal interface IExchangeProtocol<TTransport>
{
    /// <summary>"Bitget" or "HTX".</summary>
    string Exchange { get; }

    /// <summary>A transport for one call to <paramref name="baseUrl"/> (the generated constructor); <paramref name="sign"/> is null for public endpoints.</summary>
    TTransport CreateTransport(HttpClient httpClient, string baseUrl, ExchangeCall call, Action<HttpRequestMessage>? sign);

    /// <summary>
    /// Signs <paramref name="request"/> as the exchange requires, at <paramref name="now"/>, and tells <paramref name="call"/>
    /// which values to conceal in what it records. Runs once per attempt, after the URL and body are final.
    /// </summary>
    void Sign(HttpRequestMessage request, ExchangeCall call, DateTimeOffset now);

    /// <summary>The exchange's server time, read with an unsigned transport, for clock synchronisation.</summary>
    Task<DateTimeOffset> ReadServerTimeAsync(TTransport transport, ExchangeCall call, CancellationToken cancellationToken);

    /// <summary>Turns an error only this exchange's transport throws (Bitget's error envelope on HTTP 4xx) into a typed error; false for any other.</summary>
    bool TryTranslate(Exception error, ExchangeCall call, [NotNullWhen(true)] out ExchangeApiException? typed);
}
