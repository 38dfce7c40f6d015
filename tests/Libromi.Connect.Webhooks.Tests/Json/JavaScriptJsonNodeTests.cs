using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.Json;

namespace Libromi.Connect.Webhooks.Tests.Json;

/// <summary>Checks JavaScriptJson against a real Node.js, the runtime our receivers use.</summary>
public sealed class JavaScriptJsonNodeTests
{
    private const int Documents = 4000;
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 1000 };

    [Fact]
    public async Task Every_accepted_random_document_serialises_exactly_as_node_restringifies_the_original_and_itself()
    {
        var texts = new List<string>();
        Check.Sample(Gen.Int, seed => texts.Add(RandomJsonText.Create(seed)), iter: Documents, threads: 1);

        var accepted = new List<(string Original, byte[] Ours)>();
        foreach (var text in texts)
        {
            using var document = JsonDocument.Parse(text, ParseOptions);
            if (JavaScriptJson.TryNormalize(document.RootElement, 200, out var normalized, out _))
            {
                accepted.Add((text, JavaScriptJson.SerializeToUtf8Bytes(normalized)));
            }
        }

        var bodies = accepted.SelectMany(a => new[] { Encoding.UTF8.GetBytes(a.Original), a.Ours }).ToList();
        var node = await NodeJson.RestringifyAsync(bodies);

        var mismatches = new List<string>();
        for (var i = 0; i < accepted.Count; i++)
        {
            var ours = Encoding.UTF8.GetString(accepted[i].Ours);
            var fromOriginal = node[2 * i] is { } a ? Encoding.UTF8.GetString(a) : "<node could not parse>";
            var fromOurs = node[(2 * i) + 1] is { } b ? Encoding.UTF8.GetString(b) : "<node could not parse>";
            if (ours != fromOriginal || ours != fromOurs)
            {
                mismatches.Add($"input: {accepted[i].Original}\nours:  {ours}\nnode:  {fromOriginal}\nnode(ours): {fromOurs}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {accepted.Count} differ:\n{string.Join("\n\n", mismatches.Take(5))}");
        Assert.InRange(accepted.Count, Documents / 3, Documents - 1);
    }

    [Theory]
    [InlineData("[1e21,1e-7,0.000001,1.2345678901234568e20,-0,0.1,100,1E2,1.0,5e-324,1.7976931348623157e308,123e-20,-1.5e-9,0.1e1,2.5e+25,1e6,9007199254740992,4.35,0.30000000000000004]")]
    [InlineData("{\"b\":1,\"10\":2,\"a\":3,\"2\":4,\"01\":5,\"4294967295\":6,\"4294967294\":7,\"-1\":8,\"0\":9}")]
    [InlineData("[\"\\u2028\\u2029<>&'\\u007f\\u00e9😀\",\"\\u0000\\u001f\\b\\f\\n\\r\\t\\\"\\\\\\/\",{},[],[[{}]]]")]
    public async Task Fixed_examples_match_node_byte_for_byte(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.True(JavaScriptJson.TryNormalize(document.RootElement, 64, out var normalized, out var error), error?.Message);
        var fromNormalized = JavaScriptJson.SerializeToUtf8Bytes(normalized);
        var fromParsedNode = JavaScriptJson.SerializeToUtf8Bytes(JsonNode.Parse(json));

        var node = await NodeJson.RestringifyAsync([Encoding.UTF8.GetBytes(json)]);

        Assert.Equal(Encoding.UTF8.GetString(node[0]!), Encoding.UTF8.GetString(fromNormalized));
        Assert.Equal(Encoding.UTF8.GetString(node[0]!), Encoding.UTF8.GetString(fromParsedNode));
    }
}
