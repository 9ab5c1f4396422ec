namespace GeneratedClients;

// Why: the generated transport throws this for a documented non-success response it could read (NSwag 14.7's client
// template calls this constructor); like ApiException, it never reaches a caller.
#pragma warning disable CA1032, CA1064 // Not a public exception; only the generated code constructs it.
internal sealed class ApiException<TResult> : ApiException
{
    public ApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, TResult result, Exception? innerException)
        : base(message, statusCode, response, headers, innerException)
    {
        Result = result;
    }

    public TResult Result { get; }
}
#pragma warning restore CA1032, CA1064
