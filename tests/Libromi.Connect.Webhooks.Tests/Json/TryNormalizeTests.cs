using System.Text;
using System.Text.Json;
using Libromi.Connect.Webhooks.Json;

namespace Libromi.Connect.Webhooks.Tests.Json;

public sealed class TryNormalizeTests
{
    [Theory]
    [InlineData("{\"attributes\":{\"a\":[0,1,12345678901234567890]}}", "$.attributes.a[2]", "number 12345678901234567890 cannot be represented exactly by JavaScript receivers; send it as a string")]
    [InlineData("{\"x\":1e400}", "$.x", "number 1e400")]
    [InlineData("[9007199254740993]", "$[0]", "number 9007199254740993")]
    [InlineData("[1e-400]", "$[0]", "number 1e-400")]
    [InlineData("[0.10000000000000001]", "$[0]", "send it as a string")]
    [InlineData("{\"a\":{\"b\":1,\"b\":2}}", "$.a.b", "appears more than once")]
    [InlineData("{\"a\":1,\"\\u0061\":2}", "$.a", "appears more than once")]
    [InlineData("{\"s\":\"x\\ud800y\"}", "$.s", "unpaired UTF-16 surrogate")]
    [InlineData("{\"s\":[\"\\udc00\"]}", "$.s[0]", "unpaired UTF-16 surrogate")]
    [InlineData("{\"odd key\":[\"\\ud83d\"]}", "$[\"odd key\"][0]", "unpaired UTF-16 surrogate")]
    [InlineData("{\"\\ud800\":1}", "$", "object key contains an unpaired")]
    public void Values_a_javascript_receiver_would_change_are_rejected_with_path_and_advice(string json, string path, string message)
    {
        using var document = JsonDocument.Parse(json);

        Assert.False(JavaScriptJson.TryNormalize(document.RootElement, 64, out var normalized, out var error));

        Assert.Null(normalized);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected_at_the_first_level_too_deep()
    {
        using var document = JsonDocument.Parse("{\"a\":[[1]]}");

        Assert.True(JavaScriptJson.TryNormalize(document.RootElement, 3, out _, out _));
        Assert.False(JavaScriptJson.TryNormalize(document.RootElement, 2, out _, out var error));
        Assert.Equal("$.a[0]", error.Path);
        Assert.Contains("deeper than the limit of 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1.0,1E2,-0,0.0,1e0,100e-2,-0.0e10]", "[1,100,0,0,1,1,0]")]
    [InlineData("{\"b\":\"\\u00e9\\ud83d\\ude00\",\"1\":true,\"a\":null}", "{\"1\":true,\"b\":\"é😀\",\"a\":null}")]
    public void Harmless_spellings_are_accepted_and_normalised(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.True(JavaScriptJson.TryNormalize(document.RootElement, 64, out var normalized, out var error), error?.Message);

        Assert.Equal(expected, Encoding.UTF8.GetString(JavaScriptJson.SerializeToUtf8Bytes(normalized)));
    }

    [Fact]
    public void Text_is_well_formed_only_without_unpaired_surrogates()
    {
        // Facts, not theory data: xunit replaces lone surrogates in InlineData with U+FFFD.
        Assert.True(JavaScriptJson.IsWellFormedText("plain"));
        Assert.True(JavaScriptJson.IsWellFormedText("emoji \ud83d\ude00"));
        Assert.False(JavaScriptJson.IsWellFormedText("lone \ud800 high"));
        Assert.False(JavaScriptJson.IsWellFormedText("lone \udc00 low"));
        Assert.False(JavaScriptJson.IsWellFormedText("ends high \ud83d"));
        Assert.False(JavaScriptJson.IsWellFormedText("reversed \ude00\ud83d"));
    }
}
