using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Delivery.Transports.Auth;

namespace Libromi.Connect.Server.Webhooks.Auth;

/// <summary>
/// What an <c>mtls</c> auth must be: a PEM client certificate that is valid now (with its chain after it, if any) and
/// the PEM private key that belongs to it, unencrypted.
/// </summary>
public static class CertificateValidation
{
    public const int MaxPemLength = 64 * 1024;

    /// <summary>
    /// The auth to store, or null when invalid. Only the <c>CERTIFICATE</c> blocks of <c>certificate</c> are kept, since
    /// reads answer it. A <c>private_key</c> of "…" keeps the current key.
    /// </summary>
    public static ClientCertificateAuth? Check(Validator validator, WebhookAuthRequest request, ClientCertificateAuth? current, DateTimeOffset now)
    {
        var certificate = Certificate(validator, request.Certificate, now);
        var key = request.PrivateKey == AuthJson.PrivateKeyHint && current is not null ? current.PrivateKeyPem : request.PrivateKey?.Trim();
        if (key is null || key.Length == 0)
        {
            validator.Add("auth.private_key", "'auth.private_key' is required: the certificate's private key, PEM (-----BEGIN PRIVATE KEY-----).");
            return null;
        }
        if (key.Length > MaxPemLength)
        {
            validator.Add("auth.private_key", $"'auth.private_key' must be at most {MaxPemLength} characters long (it has {key.Length}).");
            return null;
        }
        if (key.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
        {
            validator.Add("auth.private_key", "'auth.private_key' is encrypted; send it decrypted (openssl pkey -in key.pem -out plain.pem), as the server has no passphrase to open it.");
            return null;
        }
        if (!IsKey(key))
        {
            validator.Add("auth.private_key", "'auth.private_key' is not a PEM RSA or EC private key (-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY).");
            return null;
        }
        if (certificate is null)
        {
            return null;
        }
        try
        {
            using var pair = X509Certificate2.CreateFromPem(certificate, key);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            validator.Add("auth.private_key", "'auth.private_key' does not belong to the certificate: its public key is not the certificate's. Send the key the certificate was issued for.");
            return null;
        }
        return new ClientCertificateAuth(certificate, key);
    }

    private static string? Certificate(Validator validator, string? pem, DateTimeOffset now)
    {
        const string Field = "auth.certificate";
        if (pem is null || pem.Length == 0)
        {
            validator.Add(Field, $"'{Field}' is required: the client certificate, PEM (-----BEGIN CERTIFICATE-----), followed by its intermediates if any.");
            return null;
        }
        if (pem.Length > MaxPemLength)
        {
            validator.Add(Field, $"'{Field}' must be at most {MaxPemLength} characters long (it has {pem.Length}).");
            return null;
        }
        var blocks = new List<string>();
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label];
            if (label.Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                validator.Add(Field, $"'{Field}' holds a private key, and reads answer the certificate: send the key in 'auth.private_key' only.");
                return null;
            }
            if (label.SequenceEqual("CERTIFICATE"))
            {
                blocks.Add(rest[fields.Location].ToString());
            }
            rest = rest[fields.Location.End..];
        }
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(blocks.Count == 0 ? pem : blocks[0]);
            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
            if (notAfter <= now)
            {
                validator.Add(Field, $"'{Field}' expired at {notAfter.ToString("O", CultureInfo.InvariantCulture)}; the endpoint would refuse it. Send a current certificate.");
                return null;
            }
            if (notBefore > now)
            {
                validator.Add(Field, $"'{Field}' is not valid until {notBefore.ToString("O", CultureInfo.InvariantCulture)}; send it once it is.");
                return null;
            }
        }
        catch (CryptographicException)
        {
            validator.Add(Field, $"'{Field}' is not a PEM X.509 certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----).");
            return null;
        }
        return string.Join('\n', blocks);
    }

    private static bool IsKey(string pem)
    {
        foreach (var algorithm in new Func<AsymmetricAlgorithm>[] { RSA.Create, ECDsa.Create })
        {
            using var key = algorithm();
            try
            {
                key.ImportFromPem(pem);
                return true;
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                // Not a key of this algorithm: try the next.
            }
        }
        return false;
    }
}
