namespace Libromi.Connect.Client.Http;

/// <summary>Answer of <c>POST /webhooks/{id}/recover</c>.</summary>
internal sealed record RecoverResponse(int Recovered);
