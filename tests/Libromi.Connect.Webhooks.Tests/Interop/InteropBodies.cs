using System.Text.Json;
using Libromi.Connect.Webhooks.Json;
using Libromi.Connect.Webhooks.Tests.Json;

namespace Libromi.Connect.Webhooks.Tests.Interop;

/// <summary>Event bodies as the server would send them: normalised user JSON, serialised the JavaScript way.</summary>
internal static class InteropBodies
{
    public static IReadOnlyList<byte[]> Create(int count)
    {
        const string Fixed = "{\"type\":\"message.received\",\"data\":{\"text\":\"héllo 😀 \\u2028 <b>&amp;</b>\",\"n\":1e21,\"10\":1,\"2\":0}}";
        var bodies = new List<byte[]>();
        for (var seed = -1; bodies.Count < count; seed++)
        {
            var text = seed < 0 ? Fixed : RandomJsonText.Create(seed);
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 1000 });
            if (JavaScriptJson.TryNormalize(document.RootElement, 200, out var node, out _))
            {
                bodies.Add(JavaScriptJson.SerializeToUtf8Bytes(node));
            }
        }

        return bodies;
    }
}
