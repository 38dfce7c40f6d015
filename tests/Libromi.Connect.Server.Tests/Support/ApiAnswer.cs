using System.Net;
using System.Text.Json;

namespace Libromi.Connect.Server.Tests.Support;

/// <summary>What the server answered: status, content type, headers and the body parsed as JSON (default when empty).</summary>
public sealed record ApiAnswer(HttpStatusCode Status, string? ContentType, HttpResponseMessage Response, string Text)
{
    public JsonElement Json => Text.Length == 0 ? default : JsonDocument.Parse(Text).RootElement.Clone();

    public string? Header(string name) =>
        Response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}
