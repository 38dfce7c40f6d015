namespace Libromi.Connect.Webhooks.Events;

/// <summary>How a delivery's last attempt failed, as its attempt log says (the receiver's answer itself is not included).</summary>
/// <param name="StatusCode">The receiver's HTTP status, or null when no answer came (timeout, connection refused, ...).</param>
/// <param name="Kind">The error kind, such as <c>http_status</c>, <c>timeout</c> or <c>connection_error</c>.</param>
/// <param name="Message">A human-readable description, such as <c>HTTP 500</c>.</param>
public sealed record DeliveryError(int? StatusCode, string Kind, string Message);
