using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Webhooks.AspNetCore;

/// <summary>The receiver's log messages. None carries a secret, a signature or a body.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Rejected a webhook request to {Endpoint}: {Failure}. {Reason}")]
    public static partial void SignatureRejected(ILogger logger, string endpoint, Verification.WebhookVerificationFailure failure, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Rejected a webhook request to {Endpoint}: the body is larger than {MaxBodyBytes} bytes.")]
    public static partial void BodyTooLarge(ILogger logger, string endpoint, int maxBodyBytes);

    [LoggerMessage(3, LogLevel.Warning, "Rejected a signed webhook request to {Endpoint} that is not a valid event: {Error}")]
    public static partial void Unparsable(ILogger logger, string endpoint, string error);

    [LoggerMessage(4, LogLevel.Debug, "Acknowledged {EventType} event {EventId} without processing: no handler is registered for {EventType}.")]
    public static partial void NoHandler(ILogger logger, string eventType, string eventId);

    [LoggerMessage(5, LogLevel.Information, "Acknowledged {EventType} event {EventId} again without processing: it was already accepted.")]
    public static partial void Duplicate(ILogger logger, string eventType, string eventId);

    [LoggerMessage(6, LogLevel.Warning, "Answered 503 to {EventType} event {EventId}: the queue of {Capacity} events is full or shutting down; Libromi Connect will deliver it again.")]
    public static partial void QueueFull(ILogger logger, string eventType, string eventId, int capacity);

    [LoggerMessage(7, LogLevel.Debug, "Accepted {EventType} event {EventId}.")]
    public static partial void Accepted(ILogger logger, string eventType, string eventId);

    [LoggerMessage(8, LogLevel.Debug, "Handled {EventType} event {EventId} on attempt {Attempt}.")]
    public static partial void Handled(ILogger logger, string eventType, string eventId, int attempt);

    [LoggerMessage(9, LogLevel.Warning, "The handler for {EventType} event {EventId} failed on attempt {Attempt} of {MaxAttempts}; retrying in {Delay}.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string eventType, string eventId, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(10, LogLevel.Error, "Gave up on {EventType} event {EventId} after {MaxAttempts} failed attempts. Once fixed, redeliver it with POST /api/v1/deliveries/{{delivery_id}}/retry.")]
    public static partial void GaveUp(ILogger logger, Exception exception, string eventType, string eventId, int maxAttempts);

    [LoggerMessage(11, LogLevel.Warning, "Stopped before handling {EventType} event {EventId}; redeliver it with POST /api/v1/deliveries/{{delivery_id}}/retry or /api/v1/webhooks/{{id}}/recover.")]
    public static partial void Abandoned(ILogger logger, string eventType, string eventId);

    [LoggerMessage(12, LogLevel.Warning, "Answered 503 to {EventType} event {EventId}: the idempotency store is full; Libromi Connect will deliver it again. {Reason}")]
    public static partial void StoreFull(ILogger logger, string eventType, string eventId, string reason);
}
