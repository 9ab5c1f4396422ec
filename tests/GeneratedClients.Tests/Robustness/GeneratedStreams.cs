using System.Net;
using System.Text;

namespace GeneratedClients.Tests.Robustness;

/// <summary>
/// A response body made up on the fly: a prefix, then a filler byte repeated until <see cref="Length"/>
/// (or forever), optionally with a pause before each read. Nothing is held in memory, and
/// <see cref="BytesRead"/> says how much of it the client actually pulled.
/// </summary>
internal sealed class GeneratedStream : Stream
{
    private readonly byte[] _prefix;
    private readonly byte _filler;
    private readonly TimeSpan _pause;
    private long _position;
    private long _bytesRead;
    private int _reads;

    /// <param name="prefix">The first bytes.</param>
    /// <param name="filler">The byte repeated after the prefix.</param>
    /// <param name="length">The total length; null for a body that never ends.</param>
    /// <param name="pause">A wait before every read (a body that trickles in); honours the read's token.</param>
    public GeneratedStream(string prefix, char filler, long? length, TimeSpan pause = default)
    {
        _prefix = Encoding.UTF8.GetBytes(prefix);
        _filler = (byte)filler;
        Length = length ?? long.MaxValue;
        _pause = pause;
    }

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public int Reads => Volatile.Read(ref _reads);

    public bool Disposed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length { get; }

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Fill(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Fill(buffer);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_pause > TimeSpan.Zero)
        {
            await Task.Delay(_pause, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Fill(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    private int Fill(Span<byte> buffer)
    {
        Interlocked.Increment(ref _reads);
        var left = Length - _position;
        if (left <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var count = (int)Math.Min(buffer.Length, left);
        for (var i = 0; i < count; i++)
        {
            var at = _position + i;
            buffer[i] = at < _prefix.Length ? _prefix[at] : _filler;
        }

        _position += count;
        Interlocked.Add(ref _bytesRead, count);
        return count;
    }
}

/// <summary>A handler that answers every request with a response the test builds, and counts the requests.</summary>
internal sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    public static HttpResponseMessage Streaming(HttpStatusCode status, Stream body, string mediaType = "application/json", long? declaredLength = null)
    {
        var content = new StreamContent(body, 16 * 1024);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        if (declaredLength is long length)
        {
            content.Headers.ContentLength = length;
        }

        return new HttpResponseMessage(status) { Content = content };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return Task.FromResult(answer(request));
    }
}
