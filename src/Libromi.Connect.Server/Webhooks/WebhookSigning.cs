namespace Libromi.Connect.Server.Webhooks;

/// <summary>
/// How a webhook's deliveries are signed: <see cref="Hmac"/>, the <c>v1</c> HMAC of <c>webhook-signature</c> and
/// <c>X-Libromi-Signature</c> alone (stored as <see cref="Code"/> 0); or <see cref="Ed25519"/>, those and a <c>v1a</c>
/// Ed25519 signature per key pair in <c>webhook-signature</c> (stored as 1, with the private key in <c>signing_key</c>).
/// </summary>
public static class WebhookSigning
{
    public const string Hmac = "hmac";
    public const string Ed25519 = "ed25519";

    public static bool IsKnown(string value) => value is Hmac or Ed25519;

    public static int Code(string value) => value == Ed25519 ? 1 : 0;

    public static string Name(long code) => code == 1 ? Ed25519 : Hmac;
}
