using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Libromi.Connect.Webhooks;
using Libromi.Connect.Webhooks.Json;
using Libromi.Connect.Webhooks.Signing;
using Libromi.Connect.Webhooks.Verification;

namespace Libromi.Connect.Bench.Micro;

/// <summary>
/// The per-delivery CPU work: serialising an envelope, signing it both ways (and with an Ed25519 key next to the HMAC),
/// and a receiver verifying it with the secret or with the public key.
/// </summary>
[MemoryDiagnoser]
public class WebhookBenchmarks
{
    private const string EventId = "evt_bench00000000000000000001";
    private JsonObject _envelope = null!;
    private byte[] _body = null!;
    private WebhookSigner _signer = null!;
    private WebhookVerifier _verifier = null!;
    private WebhookSigner _ed25519Signer = null!;
    private WebhookVerifier _publicKeyVerifier = null!;
    private Dictionary<string, string> _ed25519Headers = null!;
    private Dictionary<string, string> _headers = null!;
    private long _timestamp;

    [GlobalSetup]
    public void Setup()
    {
        _envelope = Envelopes.MessageReceived(1);
        _body = JavaScriptJson.SerializeToUtf8Bytes(_envelope);
        var secret = WebhookSecret.Generate();
        _signer = new WebhookSigner(secret);
        _verifier = new WebhookVerifier(new WebhookVerifierOptions { Secrets = [secret] });
        _timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [WebhookHeaders.WebhookId] = EventId,
            [WebhookHeaders.WebhookTimestamp] = _timestamp.ToString(CultureInfo.InvariantCulture),
            [WebhookHeaders.WebhookSignature] = _signer.SignStandard(EventId, _timestamp, _body),
            [WebhookHeaders.Signature] = _signer.SignLibromi(_body),
        };
        var key = WebhookSigningKey.Generate();
        _ed25519Signer = new WebhookSigner(secret, [], [key]);
        _publicKeyVerifier = new WebhookVerifier(new WebhookVerifierOptions { PublicKeys = [key.PublicKey] });
        _ed25519Headers = new Dictionary<string, string>(_headers, StringComparer.OrdinalIgnoreCase)
        {
            [WebhookHeaders.WebhookSignature] = _ed25519Signer.SignStandard(EventId, _timestamp, _body),
        };
    }

    [Benchmark]
    public byte[] SerializeEnvelope() => JavaScriptJson.SerializeToUtf8Bytes(_envelope);

    [Benchmark]
    public string SignLibromi() => _signer.SignLibromi(_body);

    [Benchmark]
    public string SignStandard() => _signer.SignStandard(EventId, _timestamp, _body);

    [Benchmark]
    public string SignStandardWithEd25519() => _ed25519Signer.SignStandard(EventId, _timestamp, _body);

    [Benchmark]
    public bool Verify() => _verifier.Verify(_body, _headers).IsValid;

    [Benchmark]
    public bool VerifyEd25519() => _publicKeyVerifier.Verify(_body, _ed25519Headers).IsValid;
}
