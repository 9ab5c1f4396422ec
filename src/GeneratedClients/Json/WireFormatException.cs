using Newtonsoft.Json;

namespace GeneratedClients.Json;

/// <summary>Corrupt data in a response: a value no tolerant reading can turn into the field's type. Names the field.</summary>
internal sealed class WireFormatException : JsonException
{
    public WireFormatException(string message, string path)
        : base(message) => Path = path;

    public WireFormatException()
    {
    }

    public WireFormatException(string message)
        : base(message)
    {
    }

    public WireFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The JSON path of the field (<c>data[0].assetList[1].available</c>).</summary>
    public string? Path { get; }
}
