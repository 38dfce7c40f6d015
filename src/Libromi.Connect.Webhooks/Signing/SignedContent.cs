using System.Buffers;
using System.Globalization;
using System.Text;

namespace Libromi.Connect.Webhooks.Signing;

/// <summary>
/// The bytes Standard Webhooks signs, <c>{id}.{timestamp}.{body}</c>, in a stack or pooled buffer.
/// </summary>
internal ref struct SignedContent
{
    /// <summary>Bodies up to this size are assembled on the stack.</summary>
    public const int StackLimit = 1024;

    private byte[]? _rented;

    /// <summary>Assembles the content into <paramref name="stackBuffer"/> when it fits, otherwise into a pooled array.</summary>
    public SignedContent(ReadOnlySpan<char> messageId, long timestampSeconds, ReadOnlySpan<byte> body, Span<byte> stackBuffer)
    {
        var idLength = Encoding.UTF8.GetByteCount(messageId);
        var length = idLength + 1 + 20 + 1 + body.Length;
        var buffer = length <= stackBuffer.Length ? stackBuffer : (_rented = ArrayPool<byte>.Shared.Rent(length));
        var at = Encoding.UTF8.GetBytes(messageId, buffer);
        buffer[at++] = (byte)'.';
        timestampSeconds.TryFormat(buffer[at..], out var written, default, CultureInfo.InvariantCulture);
        at += written;
        buffer[at++] = (byte)'.';
        body.CopyTo(buffer[at..]);
        Bytes = buffer[..(at + body.Length)];
    }

    public Span<byte> Bytes { get; }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
