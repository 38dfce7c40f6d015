namespace Libromi.Connect.Server.Delivery.Outcomes;

/// <summary>The <c>error_kind</c> values of the attempt log.</summary>
public static class ErrorKinds
{
    /// <summary>The receiver answered, with a status other than 2xx.</summary>
    public const string HttpStatus = "http_status";

    /// <summary>No complete answer within <see cref="DeliveryOptions.Timeout"/>.</summary>
    public const string Timeout = "timeout";

    /// <summary>The host name did not resolve.</summary>
    public const string DnsError = "dns_error";

    /// <summary>No connection could be made (refused, unreachable).</summary>
    public const string Connection = "connection_error";

    /// <summary>The receiver reset the connection (TCP RST); the error says at which stage.</summary>
    public const string ConnectionReset = "connection_reset";

    /// <summary>The connection closed before the answer was complete: no answer at all, or a body cut short.</summary>
    public const string ResponseTruncated = "response_truncated";

    /// <summary>The answer was not valid HTTP.</summary>
    public const string InvalidResponse = "invalid_response";

    /// <summary>The answer's headers were larger than the client accepts (64 KiB).</summary>
    public const string ResponseHeadersTooLarge = "response_headers_too_large";

    public const string BlockedAddress = "blocked_address";

    public const string Tls = "tls_error";

    /// <summary>The webhook's OAuth2 token endpoint gave no usable token (refused, unreachable, blocked, too slow or garbled), so nothing was sent.</summary>
    public const string AuthToken = "auth_token_error";

    public const string WebhookDisabled = "webhook_disabled";

    public const string ListenerDisconnected = "listener_disconnected";

    /// <summary>Something this server did not foresee went wrong while attempting; the attempt counts like any failure.</summary>
    public const string Internal = "internal_error";
}
