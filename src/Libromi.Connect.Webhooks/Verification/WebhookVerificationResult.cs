namespace Libromi.Connect.Webhooks.Verification;

/// <summary>The outcome of <see cref="WebhookVerifier.Verify(ReadOnlySpan{byte}, Func{string, string?})"/>.</summary>
public sealed class WebhookVerificationResult
{
    private WebhookVerificationResult(WebhookVerificationFailure failure, WebhookSignatureScheme scheme, string message)
    {
        Failure = failure;
        Scheme = scheme;
        Message = message;
    }

    /// <summary>True when the request is authentic and fresh enough to process.</summary>
    public bool IsValid => Failure == WebhookVerificationFailure.None;

    /// <summary>Why the request was rejected; <see cref="WebhookVerificationFailure.None"/> when valid.</summary>
    public WebhookVerificationFailure Failure { get; }

    /// <summary>The scheme whose signature matched; <see cref="WebhookSignatureScheme.None"/> when rejected.</summary>
    public WebhookSignatureScheme Scheme { get; }

    /// <summary>A human-readable explanation, safe to log: it never contains secrets or expected signatures.</summary>
    public string Message { get; }

    internal static WebhookVerificationResult Success(WebhookSignatureScheme scheme) =>
        new(WebhookVerificationFailure.None, scheme, $"Signature verified ({scheme}).");

    internal static WebhookVerificationResult Fail(WebhookVerificationFailure failure, string message) =>
        new(failure, WebhookSignatureScheme.None, message);
}
