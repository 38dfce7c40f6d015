namespace Libromi.Connect.Webhooks.Verification;

/// <summary>Why a webhook request was not accepted.</summary>
public enum WebhookVerificationFailure
{
    /// <summary>The request was accepted.</summary>
    None = 0,

    /// <summary>
    /// No signature header was present, or only some of the three Standard Webhooks headers were (or one was empty):
    /// once any of them is sent, all three are required and <c>X-Libromi-Signature</c> is not looked at. Also a
    /// request with only <c>X-Libromi-Signature</c> when that scheme is not accepted.
    /// </summary>
    MissingHeaders,

    /// <summary>The <c>webhook-timestamp</c> header is not a whole number of Unix seconds.</summary>
    InvalidTimestamp,

    /// <summary>The <c>webhook-timestamp</c> is further in the past than the tolerance allows.</summary>
    TimestampTooOld,

    /// <summary>The <c>webhook-timestamp</c> is further in the future than the tolerance allows.</summary>
    TimestampTooNew,

    /// <summary>A signature header is present but not in its documented format.</summary>
    MalformedSignature,

    /// <summary>The signatures are well formed but none matches any configured secret.</summary>
    NoMatchingSignature,
}
