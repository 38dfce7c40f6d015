namespace Libromi.Connect.Server.Api;

/// <summary>Limits of the public API. Bound from the <c>Api</c> configuration section.</summary>
public sealed class ApiOptions
{
    /// <summary>The largest request body accepted, in bytes. Default 1 MiB; larger bodies answer 413.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;
}
