using System.Globalization;
using System.Text;
using System.Text.Json;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.Signing;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace Libromi.Connect.Webhooks.Tests.Interop;

public sealed class StandardWebhooksInteropTests
{
    [Fact]
    public void The_dotnet_StandardWebhooks_package_verifies_our_webhook_signature()
    {
        var secret = WebhookSecret.Generate();
        var signer = new WebhookSigner(secret, WebhookSecret.Generate());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var body in InteropBodies.Create(50))
        {
            var headers = new HeaderDictionary
            {
                [WebhookHeaders.WebhookId] = "msg_" + now,
                [WebhookHeaders.WebhookTimestamp] = now.ToString(CultureInfo.InvariantCulture),
                [WebhookHeaders.WebhookSignature] = signer.SignStandard("msg_" + now, now, body),
            };

            new StandardWebhook(secret).Verify(Encoding.UTF8.GetString(body), headers);
        }
    }

    [Fact]
    public async Task The_npm_standardwebhooks_package_verifies_our_webhook_signature_under_real_node()
    {
        var previous = WebhookSecret.Generate();
        var current = WebhookSecret.Generate();
        var signer = new WebhookSigner(current, previous);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var cases = InteropBodies.Create(100).SelectMany(body => new[] { current, previous }.Select(secret => new
        {
            secret,
            body = Convert.ToBase64String(body),
            headers = new Dictionary<string, string>
            {
                [WebhookHeaders.WebhookId] = "msg_ü_" + now,
                [WebhookHeaders.WebhookTimestamp] = now.ToString(CultureInfo.InvariantCulture),
                [WebhookHeaders.WebhookSignature] = signer.SignStandard("msg_ü_" + now, now, body),
            },
        })).ToList();

        var result = await NodeEnvironment.RunScriptAsync("verify-standard.js", JsonSerializer.Serialize(cases), TimeSpan.FromMinutes(1));

        var verdicts = JsonSerializer.Deserialize<string[]>(result.EnsureSuccess().StandardOutput)!;
        Assert.Equal(cases.Count, verdicts.Length);
        Assert.All(verdicts, verdict => Assert.Equal("ok", verdict));
    }
}
