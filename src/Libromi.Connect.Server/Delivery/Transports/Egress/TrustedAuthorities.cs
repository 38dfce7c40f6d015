using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Libromi.Connect.Server.Delivery.Transports.Egress;

/// <summary>
/// Certificate authorities trusted for endpoints on top of the system store (<c>Delivery:TrustedCertificateAuthorities</c>,
/// a PEM bundle), for receivers behind a private CA. A certificate the system trusts passes as before; one that fails
/// only for its chain is built again against these roots. A wrong host name or a missing certificate fails either way.
/// </summary>
public sealed class TrustedAuthorities
{
    private readonly X509Certificate2Collection _roots;

    private TrustedAuthorities(X509Certificate2Collection roots) => _roots = roots;

    /// <summary>The bundle the settings name, null without one; throws with the fix when it cannot be read.</summary>
    public static TrustedAuthorities? From(DeliveryOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.TrustedCertificateAuthorities))
        {
            return null;
        }
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(options.TrustedCertificateAuthorities);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"Delivery:TrustedCertificateAuthorities names {options.TrustedCertificateAuthorities}, which cannot be read as a PEM bundle of CA certificates: {e.Message}", e);
        }
        return roots.Count == 0
            ? throw new InvalidOperationException($"Delivery:TrustedCertificateAuthorities names {options.TrustedCertificateAuthorities}, which holds no PEM certificate (-----BEGIN CERTIFICATE-----).")
            : new TrustedAuthorities(roots);
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is not X509Certificate2 leaf)
        {
            return false;
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return custom.Build(leaf);
    }
}
