namespace Libromi.Connect.Client.Http;

/// <summary>Body of <c>POST /listen</c>; null events means all.</summary>
internal sealed record StartListenRequest(IReadOnlyList<string>? Events);
