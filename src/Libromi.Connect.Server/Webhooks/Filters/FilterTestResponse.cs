namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>
/// Answer of <c>POST /api/v1/webhooks/{id}/filter-test</c>. <c>matches</c>: the filter lets the event through (true
/// without a filter); <c>subscribed</c>: the webhook's <c>events</c> include the event's type. The event is delivered
/// when both hold. <c>reasons</c> explains every failing condition by its path; empty when it matches.
/// </summary>
public sealed record FilterTestResponse(bool Matches, bool Subscribed, IReadOnlyList<string> Reasons);
