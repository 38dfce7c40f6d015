namespace Libromi.Connect.Server.Delivery.Transports.Auth;

/// <summary>Mutual TLS: the client certificate (PEM, with its PEM private key) presented to the webhook's HTTPS endpoint.</summary>
public sealed record ClientCertificateAuth(string CertificatePem, string PrivateKeyPem) : EndpointAuth
{
    public const string Name = "mtls";

    public override string Type => Name;

    protected override bool PrintMembers(System.Text.StringBuilder builder) => false;
}
