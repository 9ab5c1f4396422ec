namespace GeneratedClients.Htx;

/// <summary>
/// HTX's envelopes: <c>{status: "ok", data, ts}</c> for success, <c>{status: "error", err_code, err_msg, ts}</c> for an
/// error, and the v3 error envelope <c>{code, message, data: null, ts}</c> without status.
/// </summary>
internal static class HtxEnvelope
{
    /// <summary>Throws the typed error an envelope carries; returns for status ok.</summary>
    public static void ThrowIfError(ExchangeCall call, HtxResponseStatus? status, int? errorCode, string? errorMessage, int? code, string? message, long? ts)
    {
        switch (status)
        {
            case HtxResponseStatus.Ok:
                break;
            case HtxResponseStatus.Error:
                throw HtxErrors.FromEnvelope(call, errorCode, errorMessage, ts);
            default:
                // Quirk: HTX's v3 envelope {code, message, data: null, ts} has no status (htx-v3-error-envelope).
                throw code is int v3
                    ? HtxErrors.FromEnvelope(call, v3, message, ts)
                    : call.InvalidResponse("the envelope has neither status nor code", "status");
        }

        if (ts is not null && UnixTime.FromMilliseconds(ts) is null)
        {
            throw call.InvalidResponse("ts is not a time", "ts");
        }
    }

    /// <summary>The data of an ok envelope; an envelope that says ok without data is an invalid response.</summary>
    public static TData Data<TData>(TData? data, ExchangeCall call)
        where TData : class => data ?? throw call.InvalidResponse("status \"ok\" without data", "data");
}
