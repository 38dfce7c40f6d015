using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Libromi.Connect.Server.Tests.Support;

/// <summary>Self-signed client certificates made in-process, as PEM, with the private key each was issued for.</summary>
public static class SelfSignedCertificates
{
    public static (string Certificate, string PrivateKey) Create(string subject = "CN=libromi-test-client", DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(30));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
