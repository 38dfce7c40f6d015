using System.Globalization;
using System.Text.Json.Nodes;
using Libromi.Connect.Webhooks.Json;

namespace Libromi.Connect.Bench;

/// <summary>A <c>message.received</c> envelope shaped like the server's, for the scenarios that bypass the server.</summary>
public static class Envelopes
{
    public static JsonObject MessageReceived(long n) => new()
    {
        ["id"] = $"evt_bench{n:D20}",
        ["type"] = "message.received",
        ["created_at"] = "2025-01-01T00:00:00.000Z",
        ["data"] = new JsonObject
        {
            ["contact"] = new JsonObject
            {
                ["id"] = "cnt_bench0000000000000001",
                ["name"] = "+14155550100",
                ["phone"] = "+14155550100",
                ["email"] = null,
                ["attributes"] = new JsonObject(),
                ["created_at"] = "2025-01-01T00:00:00.000Z",
                ["updated_at"] = "2025-01-01T00:00:00.000Z",
            },
            ["message"] = new JsonObject
            {
                ["id"] = $"msg_bench{n:D20}",
                ["contact_id"] = "cnt_bench0000000000000001",
                ["direction"] = "inbound",
                ["type"] = "text",
                ["content"] = "Hello, lat-" + n.ToString(CultureInfo.InvariantCulture) + " here",
                ["status"] = "received",
                ["created_at"] = "2025-01-01T00:00:00.000Z",
            },
        },
    };

    public static byte[] Body(long n) => JavaScriptJson.SerializeToUtf8Bytes(MessageReceived(n));
}
