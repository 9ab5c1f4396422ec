namespace GeneratedClients.Pipeline;

/// <summary>
/// The call pipeline every endpoint of every exchange goes through, once: build the transport → sign → wait for the
/// rate limiter → send → read (bounded, tolerant) → translate errors → retry (<see cref="ExchangeRuntime"/>), with
/// clock synchronisation from the exchange's server time. An endpoint is a send and an unwrap of its envelope.
/// </summary>
/// <typeparam name="TTransport">The generated client of the exchange's spec.</typeparam>
internal sealed class ExchangeCore<TTransport>
{
    private readonly IExchangeProtocol<TTransport> _protocol;
    private readonly HttpClient _httpClient;
    private readonly string _baseUrl;

    public ExchangeCore(IExchangeProtocol<TTransport> protocol, HttpClient httpClient, Uri baseAddress, ExchangeRuntime runtime)
    {
        _protocol = protocol;
        _httpClient = httpClient;
        _baseUrl = baseAddress.ToString();
        Runtime = runtime;
        runtime.LogAddress(_baseUrl);
    }

    /// <summary>The limiter, retries, timeouts and clock the calls run with.</summary>
    public ExchangeRuntime Runtime { get; }

    /// <summary>Runs one call: every attempt gets a new transport and call record, signed afresh.</summary>
    /// <param name="operation">The spec's operationId (the generated <c>Operations</c> constant), for telemetry.</param>
    /// <param name="send">Sends the request with the generated operation.</param>
    /// <param name="unwrap">Checks the envelope and makes the result (or throws the typed error the envelope carries).</param>
    /// <param name="limit">The endpoint's limit group (the registry's key) and documented limit (the spec's x-rate-limit).</param>
    /// <param name="maxResponseBytes">Bodies larger than this are refused.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public Task<TResult> CallAsync<TEnvelope, TResult>(
        string operation,
        Func<TTransport, CancellationToken, Task<TEnvelope>> send,
        Func<TEnvelope, ExchangeCall, TResult> unwrap,
        (string Group, ExchangeRateLimit Documented) limit,
        long maxResponseBytes,
        CancellationToken cancellationToken) =>
        Runtime.ExecuteAsync(
            operation,
            async (call, clock, token) =>
            {
                var transport = _protocol.CreateTransport(_httpClient, _baseUrl, call, request => _protocol.Sign(request, call, clock.GetUtcNow()));
                var envelope = await TranslateAsync(call, () => send(transport, token), token).ConfigureAwait(false);
                return unwrap(envelope, call);
            },
            limit,
            maxResponseBytes,
            token => ServerTimeAsync(maxResponseBytes, token),
            cancellationToken);

    private async Task<DateTimeOffset> ServerTimeAsync(long maxResponseBytes, CancellationToken cancellationToken)
    {
        // Why the local clock: the server-time request is what measures the offset, so it must not read the synchronised clock.
        var call = new ExchangeCall(_protocol.Exchange, maxResponseBytes, Runtime.LocalClock);
        var transport = _protocol.CreateTransport(_httpClient, _baseUrl, call, sign: null);
        return await TranslateAsync(call, () => _protocol.ReadServerTimeAsync(transport, call, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> TranslateAsync<T>(ExchangeCall call, Func<Task<T>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (Exception error) when (_protocol.TryTranslate(error, call, out var typed) || call.TryTranslate(error, cancellationToken, out typed))
        {
            throw typed;
        }
    }
}
