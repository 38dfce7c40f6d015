using Microsoft.AspNetCore.Http;

namespace Libromi.Connect.Webhooks.AspNetCore;

/// <summary>Reads a request body whole, as the exact bytes that were signed.</summary>
internal static class RequestBody
{
    private const int ChunkBytes = 16 * 1024;

    /// <returns>The body, or null when it is larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream((int)Math.Min(request.ContentLength ?? ChunkBytes, maxBytes));
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
