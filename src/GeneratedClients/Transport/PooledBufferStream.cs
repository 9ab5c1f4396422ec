using System.Buffers;

namespace GeneratedClients.Transport;

/// <summary>
/// A response body held in memory in chunks rented from <see cref="ArrayPool{T}.Shared"/>, read back as a
/// read-only, seekable stream. Unlike a <see cref="MemoryStream"/> it never needs one buffer the size of the
/// body (which for a body over 85 kB lands on the large object heap, and is collected only with generation 2),
/// and disposing it gives the chunks back, so reading a response allocates nothing in proportion to its size.
/// </summary>
/// <remarks>
/// Filled once by <see cref="FillAsync"/>, then read by one reader. Every chunk but the last is full. Disposing
/// twice is harmless (HttpContent disposes the stream it handed out again when it is disposed itself); reading
/// after disposal throws <see cref="ObjectDisposedException"/>, as a disposed MemoryStream does.
/// </remarks>
internal sealed class PooledBufferStream : Stream
{
    /// <summary>Below the large object heap threshold (85,000 bytes), so a chunk the pool has to allocate is a small-object one.</summary>
    internal const int ChunkSize = 64 * 1024;

    private const int MinimumFirstChunk = 1024;
    private const int UnknownLengthFirstChunk = 16 * 1024;

    private readonly List<byte[]> _chunks = new(4);
    private int _lastUsed;
    private long _length;
    private long _position;
    private int _chunkIndex;
    private int _chunkOffset;
    private bool _disposed;

    /// <summary>
    /// Reads <paramref name="source"/> to its end asynchronously into a new stream. Each read's bytes are shown to
    /// <paramref name="observe"/> as they arrive; a body longer than <paramref name="maxBytes"/> stops the reading
    /// with <see cref="ResponseTooLargeException"/> before the bytes past the limit are kept.
    /// </summary>
    /// <param name="source">The body as it arrives.</param>
    /// <param name="declaredLength">Content-Length when known: the first chunk is sized for it (plus one byte, so the read that finds the end needs no further chunk).</param>
    /// <param name="maxBytes">The most bytes accepted.</param>
    /// <param name="observe">Sees every read's bytes, in order (the body's prefix for error messages).</param>
    /// <param name="cancellationToken">Stops a body that trickles in.</param>
    public static async Task<PooledBufferStream> FillAsync(Stream source, long? declaredLength, long maxBytes, BytesObserver observe, CancellationToken cancellationToken)
    {
        var body = new PooledBufferStream();
        try
        {
            var firstChunk = declaredLength is long declared and >= 0
                ? (int)Math.Clamp(declared + 1, MinimumFirstChunk, ChunkSize)
                : UnknownLengthFirstChunk;
            var chunk = body.AddChunk(firstChunk);
            while (true)
            {
                if (body._lastUsed == chunk.Length)
                {
                    chunk = body.AddChunk(ChunkSize);
                }

                // Never ask for more than one byte past the limit: that byte is enough to know the body is too large.
                var chunkRoom = chunk.Length - body._lastUsed;
                var allowed = maxBytes - body._length;
                var room = allowed >= chunkRoom ? chunkRoom : (int)allowed + 1;
                var read = await source.ReadAsync(chunk.AsMemory(body._lastUsed, room), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                observe(chunk.AsSpan(body._lastUsed, read));
                if (body._length + read > maxBytes)
                {
                    throw new ResponseTooLargeException(maxBytes);
                }

                body._lastUsed += read;
                body._length += read;
            }

            return body;
        }
        catch
        {
            await body.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Receives a span of bytes.</summary>
    public delegate void BytesObserver(ReadOnlySpan<byte> bytes);

    /// <inheritdoc />
    public override bool CanRead => !_disposed;

    /// <inheritdoc />
    public override bool CanSeek => !_disposed;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _length;
        }
    }

    /// <inheritdoc />
    public override long Position
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _position;
        }

        set => Seek(value, SeekOrigin.Begin);
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var total = 0;
        while (!buffer.IsEmpty && _position < _length)
        {
            var chunk = _chunks[_chunkIndex];
            var available = Used(_chunkIndex) - _chunkOffset;
            if (available == 0)
            {
                _chunkIndex++;
                _chunkOffset = 0;
                continue;
            }

            var take = Math.Min(available, buffer.Length);
            chunk.AsSpan(_chunkOffset, take).CopyTo(buffer);
            buffer = buffer[take..];
            _chunkOffset += take;
            _position += take;
            total += take;
        }

        return total;
    }

    /// <inheritdoc />
    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return cancellationToken.IsCancellationRequested ? Task.FromCanceled<int>(cancellationToken) : Task.FromResult(Read(buffer.AsSpan(offset, count)));
    }

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : new(Read(buffer.Span));

    /// <inheritdoc />
    public override void CopyTo(Stream destination, int bufferSize)
    {
        ValidateCopyToArguments(destination, bufferSize);
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (_position < _length)
        {
            var (chunk, offset, count) = TakeSegment();
            destination.Write(chunk, offset, count);
        }
    }

    /// <inheritdoc />
    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        ValidateCopyToArguments(destination, bufferSize);
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (_position < _length)
        {
            var (chunk, offset, count) = TakeSegment();
            await destination.WriteAsync(chunk.AsMemory(offset, count), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));

        // Past the end is allowed (reads then return 0), as with MemoryStream.
        _position = target;
        var remaining = Math.Min(target, _length);
        _chunkIndex = 0;
        while (_chunkIndex < _chunks.Count - 1 && remaining >= Used(_chunkIndex))
        {
            remaining -= Used(_chunkIndex);
            _chunkIndex++;
        }

        _chunkOffset = (int)remaining;
        return _position;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException("The response body is read-only.");

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The response body is read-only.");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (!_disposed)
        {
            _disposed = true;
            foreach (var chunk in _chunks)
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            _chunks.Clear();
            _length = _position = _lastUsed = 0;
        }

        base.Dispose(disposing);
    }

    private byte[] AddChunk(int size)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(size);
        _chunks.Add(chunk);
        _lastUsed = 0;
        return chunk;
    }

    private int Used(int index) => index == _chunks.Count - 1 ? _lastUsed : _chunks[index].Length;

    /// <summary>The rest of the current chunk, consumed.</summary>
    private (byte[] Chunk, int Offset, int Count) TakeSegment()
    {
        while (Used(_chunkIndex) - _chunkOffset == 0)
        {
            _chunkIndex++;
            _chunkOffset = 0;
        }

        var segment = (_chunks[_chunkIndex], _chunkOffset, Used(_chunkIndex) - _chunkOffset);
        _chunkOffset += segment.Item3;
        _position += segment.Item3;
        return segment;
    }
}
