using System.Text.Json;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.Signing;

namespace Libromi.Connect.Webhooks.Tests.Interop;

public sealed class SeedReceiverInteropTests
{
    [Fact]
    public async Task The_documented_express_receiver_check_accepts_our_libromi_signature_under_real_node()
    {
        var secret = WebhookSecret.Generate();
        var signer = new WebhookSigner(secret);
        var bodies = InteropBodies.Create(200);
        var cases = bodies.Select(body => new { secret, signature = signer.SignLibromi(body), body = Convert.ToBase64String(body) }).ToList();
        var tampered = new { secret, signature = signer.SignLibromi(bodies[0]), body = Convert.ToBase64String("{\"type\":\"other\"}"u8) };
        cases.Add(tampered);

        var result = await NodeEnvironment.RunScriptAsync("verify-seed.js", JsonSerializer.Serialize(cases), TimeSpan.FromMinutes(1));

        var verdicts = JsonSerializer.Deserialize<string[]>(result.EnsureSuccess().StandardOutput)!;
        Assert.Equal(cases.Count, verdicts.Length);
        Assert.All(verdicts[..^1], verdict => Assert.Equal("ok", verdict));
        Assert.Equal("mismatch", verdicts[^1]);
    }
}
