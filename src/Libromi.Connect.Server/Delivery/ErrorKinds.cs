namespace Libromi.Connect.Server.Delivery;

/// <summary>The <c>error_kind</c> values of the attempt log.</summary>
public static class ErrorKinds
{
    public const string HttpStatus = "http_status";
    public const string Timeout = "timeout";
    public const string Connection = "connection_error";
    public const string BlockedAddress = "blocked_address";
    public const string Tls = "tls_error";
    public const string WebhookDisabled = "webhook_disabled";
    public const string ListenerDisconnected = "listener_disconnected";
}
