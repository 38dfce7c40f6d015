namespace Libromi.Connect.Client.Tests.Support;

/// <summary>A request that reached a <see cref="FlakyFront"/>, and what the real server answered it, if it was forwarded.</summary>
public sealed record FrontRequest(string Method, string Path, string? IdempotencyKey, int? ServerStatus, bool ServerReplayed);
