using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Libromi.Connect.Testing;

/// <summary>
/// A certificate authority made in this process, and the certificates it issues: server certificates for loopback
/// (and any other addresses named) and client certificates, each with its PEM certificate and PEM private key.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificates(string name = "Libromi Test CA")
    {
        var request = new CertificateRequest($"CN={name}", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    public X509Certificate2 Authority { get; }

    public string AuthorityPem => Authority.ExportCertificatePem();

    /// <summary>Writes the authority's certificate to a PEM file and returns its path.</summary>
    public string WriteAuthorityPem(string directory)
    {
        var path = Path.Combine(directory, $"ca-{Authority.Thumbprint}.pem");
        File.WriteAllText(path, AuthorityPem);
        return path;
    }

    /// <summary>A server certificate for 127.0.0.1, ::1 and localhost, plus <paramref name="addresses"/>.</summary>
    public X509Certificate2 Server(params IPAddress[] addresses)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        foreach (var address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }.Concat(addresses))
        {
            names.AddIpAddress(address);
        }
        return Issue("CN=localhost", names.Build(), "1.3.6.1.5.5.7.3.1").Certificate;
    }

    /// <summary>A client certificate, with its certificate and key as PEM.</summary>
    public (X509Certificate2 Certificate, string CertificatePem, string PrivateKeyPem) Client(string name = "libromi-client") =>
        Issue($"CN={name}", null, "1.3.6.1.5.5.7.3.2");

    public void Dispose()
    {
        Authority.Dispose();
        _caKey.Dispose();
    }

    private (X509Certificate2 Certificate, string CertificatePem, string PrivateKeyPem) Issue(string subject, X509Extension? names, string usage)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }
        var serial = RandomNumberGenerator.GetBytes(16);
        using var issued = request.Create(Authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
        var certificatePem = issued.ExportCertificatePem();
        var keyPem = key.ExportPkcs8PrivateKeyPem();
        // Through PKCS#12 so the key is usable by Kestrel and SslStream on every platform.
        using var withKey = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        var certificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return (certificate, certificatePem, keyPem);
    }
}
