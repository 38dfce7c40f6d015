using System.Security.Cryptography;

namespace Libromi.Connect.Server.Dashboard.Assets;

/// <summary>
/// The dashboard's style sheet, script and icon, built into the server assembly, so that the dashboard needs nothing from
/// the disk, a CDN or a build step. Each file is answered with a strong ETag of its content.
/// </summary>
public sealed class DashboardAssets
{
    private readonly Dictionary<string, (byte[] Content, string ContentType, string ETag)> _files = new(StringComparer.Ordinal);

    public DashboardAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        foreach (var (name, type) in new[] { ("dashboard.css", "text/css; charset=utf-8"), ("dashboard.js", "text/javascript; charset=utf-8"), ("favicon.svg", "image/svg+xml") })
        {
            using var stream = assembly.GetManifestResourceStream("dashboard/" + name)
                ?? throw new InvalidOperationException($"The dashboard asset '{name}' is not built into the server.");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            _files[name] = (content, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"");
        }
    }

    public IResult Serve(HttpContext context, string name)
    {
        if (!_files.TryGetValue(name, out var file))
        {
            return Results.NotFound();
        }
        if (context.Request.Headers.IfNoneMatch == file.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        context.Response.Headers.ETag = file.ETag;
        return Results.Bytes(file.Content, file.ContentType);
    }
}
