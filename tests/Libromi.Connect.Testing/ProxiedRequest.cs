namespace Libromi.Connect.Testing;

/// <summary>One request a <see cref="TestProxy"/> was asked to relay: its request line as sent and its headers.</summary>
public sealed record ProxiedRequest(string RequestLine, IReadOnlyDictionary<string, string> Headers)
{
    public string Method => RequestLine.Split(' ')[0];

    /// <summary>The request target: an absolute URL for plain HTTP, <c>host:port</c> for CONNECT.</summary>
    public string Target => RequestLine.Split(' ')[1];
}
