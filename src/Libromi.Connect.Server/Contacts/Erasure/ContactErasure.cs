namespace Libromi.Connect.Server.Contacts.Erasure;

/// <summary>
/// The audit record of one contact erasure, as answered by <c>POST /api/v1/contacts/{id}/erase</c> and kept in
/// <c>erasures</c> (never purged by retention). It holds ids, the time and counts only: nothing personal.
/// </summary>
public sealed record ContactErasure(
    string Id,
    string ContactId,
    DateTimeOffset ErasedAt,
    int Messages,
    int Events,
    int DeliveriesRemoved,
    int AttemptsRemoved,
    int DeliveriesCancelled);
