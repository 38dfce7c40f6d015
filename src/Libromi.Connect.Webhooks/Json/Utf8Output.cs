using System.Buffers;

namespace Libromi.Connect.Webhooks.Json;

/// <summary>
/// Buffers small writes into one span of the underlying writer, because asking an
/// <see cref="IBufferWriter{T}"/> for a span per punctuation byte dominates the cost of small documents.
/// </summary>
internal ref struct Utf8Output
{
    private const int MinimumChunk = 4096;

    private readonly IBufferWriter<byte> _writer;
    private Span<byte> _span;
    private int _position;

    public Utf8Output(IBufferWriter<byte> writer)
    {
        _writer = writer;
        _span = default;
        _position = 0;
    }

    /// <summary>Returns at least <paramref name="size"/> free bytes; commit them with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (_span.Length - _position < size)
        {
            Flush();
            _span = _writer.GetSpan(Math.Max(size, MinimumChunk));
        }

        return _span[_position..];
    }

    public void Advance(int count) => _position += count;

    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        _position++;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _position += bytes.Length;
    }

    /// <summary>Commits everything written so far to the underlying writer.</summary>
    public void Flush()
    {
        if (_position > 0)
        {
            _writer.Advance(_position);
        }

        _span = default;
        _position = 0;
    }
}
