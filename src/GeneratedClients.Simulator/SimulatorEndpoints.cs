using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GeneratedClients.Simulator;

/// <summary>
/// Maps the five endpoints and runs every request through one pipeline: count it, take its fault (the
/// <c>X-Sim-Fault</c> header, else the queue), wait out a latency fault, read the raw request, let the
/// exchange answer (signature, rate limit, parameters, data), and send that answer, or the fault's.
/// </summary>
internal static class SimulatorEndpoints
{
    public const string BitgetAssetsPath = "/api/v2/mix/account/sub-account-assets";
    public const string BitgetAccountsPath = "/api/v2/mix/account/accounts";
    public const string BitgetTimePath = "/api/v2/public/time";
    public const string HtxInfoPath = "/linear-swap-api/v1/swap_cross_sub_account_info";
    public const string HtxTimestampPath = "/api/v1/timestamp";

    private static readonly byte[] Whitespace = Encoding.ASCII.GetBytes(new string(' ', 64));

    public static void Map(IEndpointRouteBuilder app, SimulatorState state)
    {
        app.MapGet(BitgetAssetsPath, http => HandleAsync(http, state, SimulatorEndpoint.BitgetSubAccountAssets, (r, limit) => BitgetExchange.SubAccountAssets(r, state, limit)));
        app.MapGet(BitgetAccountsPath, http => HandleAsync(http, state, SimulatorEndpoint.BitgetAccounts, (r, limit) => BitgetExchange.Accounts(r, state, limit)));
        app.MapGet(BitgetTimePath, http => HandleAsync(http, state, SimulatorEndpoint.BitgetServerTime, (r, _) => BitgetExchange.ServerTime(r, state)));
        app.MapPost(HtxInfoPath, http => HandleAsync(http, state, SimulatorEndpoint.HtxCrossSubAccountInfo, (r, limit) => HtxExchange.CrossSubAccountInfo(r, state, limit)));
        app.MapGet(HtxTimestampPath, http => HandleAsync(http, state, SimulatorEndpoint.HtxTimestamp, (r, _) => HtxExchange.Timestamp(r, state)));
    }

    private static async Task HandleAsync(HttpContext http, SimulatorState state, SimulatorEndpoint endpoint, Func<SimRequest, bool, SimResponse> answer)
    {
        var counters = state.Statistics.For(endpoint);
        counters.CountReceived();
        var sequence = state.Statistics.NextSequence();
        var receivedAt = state.Now;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, state.Stopping);
        var token = linked.Token;
        SimRequest? request = null;
        SimulatorFault? fault = null;
        var outcome = SimulatorOutcome.Aborted;
        var status = 0;
        string? code = null;
        try
        {
            if (!TryTakeFault(http, state, endpoint, out fault, out var headerError))
            {
                outcome = SimulatorOutcome.BadRequest;
                status = StatusCodes.Status400BadRequest;
                await WriteAsync(http, status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(headerError + "\n"), token).ConfigureAwait(false);
                return;
            }

            if (fault is { Kind: SimulatorFaultKind.Latency })
            {
                // Real time, whatever the host clock: this stands for the network.
                await Task.Delay(fault.Latency, TimeProvider.System, token).ConfigureAwait(false);
                receivedAt = state.Now;
            }

            var replacing = fault is { Kind: not SimulatorFaultKind.Latency } ? fault : null;
            request = await SimRequest.ReadAsync(http, endpoint, receivedAt, token).ConfigureAwait(false);
            var response = answer(request, replacing is null);
            if (replacing is null)
            {
                outcome = response.Outcome;
                status = response.Status;
                code = response.ErrorCode;
                await WriteAsync(http, response.Status, response.ContentType, response.Body, token).ConfigureAwait(false);
            }
            else
            {
                outcome = SimulatorOutcome.Fault;
                status = replacing.Kind == SimulatorFaultKind.EndlessBody ? StatusCodes.Status200OK : 0; // an endless body only ends by an abort
                code = replacing.Kind == SimulatorFaultKind.ExchangeError ? replacing.ErrorCode : null;
                status = await ApplyFaultAsync(http, state, endpoint, replacing, response, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client left or the host is stopping; the outcome says so (or stays Fault).
        }
        catch (Exception error) when (error is IOException or ConnectionResetException or BadHttpRequestException)
        {
            // The connection broke under us.
        }
        finally
        {
            counters.Count(outcome);
            state.Statistics.Record(new SimulatorRequestRecord
            {
                Sequence = sequence,
                Endpoint = endpoint,
                Method = http.Request.Method,
                Path = http.Request.Path.Value ?? string.Empty,
                ReceivedAt = receivedAt,
                Key = request?.Key,
                SignedTimestamp = request?.SignedTimestamp,
                SignedAt = request?.SignedAt,
                SignatureValid = request?.SignatureValid,
                Outcome = outcome,
                HttpStatus = status,
                ErrorCode = code,
                Fault = fault?.Kind,
            });
        }
    }

    private static bool TryTakeFault(HttpContext http, SimulatorState state, SimulatorEndpoint endpoint, out SimulatorFault? fault, out string? error)
    {
        error = null;
        var header = http.Request.Headers[SimulatorFault.HeaderName];
        if (header.Count == 0)
        {
            fault = state.Faults.TryTake(endpoint);
            return true;
        }

        try
        {
            fault = SimulatorFault.Parse(header.ToString());
            return true;
        }
        catch (FormatException parse)
        {
            fault = null;
            error = parse.Message;
            return false;
        }
    }

    /// <summary>Sends the fault's answer instead of <paramref name="normal"/>; returns the status sent (0 for none).</summary>
    private static async Task<int> ApplyFaultAsync(HttpContext http, SimulatorState state, SimulatorEndpoint endpoint, SimulatorFault fault, SimResponse normal, CancellationToken token)
    {
        var bitget = !endpoint.IsHtx();
        var status = fault.EffectiveStatus;
        switch (fault.Kind)
        {
            case SimulatorFaultKind.ServerError:
                var body = fault.HtmlBody ? Wire.HtmlPage(status) : bitget ? BitgetExchange.ServerErrorBody(state, status) : HtxExchange.ServerErrorBody(state, status);
                await WriteAsync(http, status, fault.HtmlBody ? "text/html" : Wire.Json, body, token).ConfigureAwait(false);
                return status;

            case SimulatorFaultKind.HtmlErrorPage:
                await WriteAsync(http, status, "text/html", Wire.HtmlPage(status), token).ConfigureAwait(false);
                return status;

            case SimulatorFaultKind.TruncatedJson:
                await WriteAsync(http, normal.Status, normal.ContentType, normal.Body[..Math.Max(1, normal.Body.Length / 2)], token).ConfigureAwait(false);
                return normal.Status;

            case SimulatorFaultKind.MalformedJson:
                var broken = (byte[])normal.Body.Clone();
                var colon = Array.IndexOf(broken, (byte)':');
                if (colon >= 0)
                {
                    broken[colon] = (byte)'=';
                }

                await WriteAsync(http, normal.Status, normal.ContentType, broken, token).ConfigureAwait(false);
                return normal.Status;

            case SimulatorFaultKind.ConnectionReset:
                http.Abort();
                return 0;

            case SimulatorFaultKind.EndlessBody:
                await WriteEndlessAsync(http, state, bitget, fault, token).ConfigureAwait(false);
                return StatusCodes.Status200OK;

            case SimulatorFaultKind.ExchangeError:
                // The exchange's own envelope and usual status (Bitget 400, HTX 200), unless the fault names a status.
                var refusal = bitget
                    ? BitgetExchange.Error(state, StatusCodes.Status400BadRequest, fault.ErrorCode!, fault.ErrorMessage, SimulatorOutcome.Fault)
                    : HtxExchange.Error(state, int.Parse(fault.ErrorCode!, System.Globalization.CultureInfo.InvariantCulture), fault.ErrorMessage, SimulatorOutcome.Fault);
                var refusalStatus = fault.StatusCode != 0 ? fault.StatusCode : refusal.Status;
                await WriteAsync(http, refusalStatus, refusal.ContentType, refusal.Body, token).ConfigureAwait(false);
                return refusalStatus;

            default:
                throw new InvalidOperationException($"Unhandled fault {fault.Kind}.");
        }
    }

    /// <summary>200, the start of a success envelope, then 64 spaces (valid JSON whitespace) per interval until the client leaves; aborted after the limit.</summary>
    private static async Task WriteEndlessAsync(HttpContext http, SimulatorState state, bool bitget, SimulatorFault fault, CancellationToken token)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = Wire.Json;
        await http.Response.Body.WriteAsync(bitget ? BitgetExchange.EndlessPrefix(state) : HtxExchange.EndlessPrefix(), token).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(token).ConfigureAwait(false);
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < fault.EndlessLimit)
        {
            await Task.Delay(fault.EndlessInterval, TimeProvider.System, token).ConfigureAwait(false);
            await http.Response.Body.WriteAsync(Whitespace, token).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(token).ConfigureAwait(false);
        }

        http.Abort();
    }

    private static async Task WriteAsync(HttpContext http, int status, string contentType, byte[] body, CancellationToken token)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, token).ConfigureAwait(false);
    }
}
