using System.Text.Json;
using Libromi.Connect.Webhooks.Json;

namespace Libromi.Connect.Webhooks.Tests.Json;

/// <summary>
/// System.Text.Json with <see cref="MinimalJsonEncoder"/> writes strings as <c>JSON.stringify</c> does, which
/// <see cref="JavaScriptJson"/> (checked against real Node elsewhere) already writes: only <c>"</c>, <c>\</c> and
/// controls escaped, everything else as UTF-8.
/// </summary>
public sealed class MinimalJsonEncoderTests
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = MinimalJsonEncoder.Instance };

    [Theory]
    [InlineData("Zoë 😀", "\"Zoë 😀\"")]
    [InlineData("👩🏽‍💻 東京 عربى", "\"👩🏽‍💻 東京 عربى\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("\b\f\n\r\t\u0000\u001f", "\"\\b\\f\\n\\r\\t\\u0000\\u001f\"")]
    [InlineData("<script>&'</script>\u007f\u2028", "\"<script>&'</script>\u007f\u2028\"")]
    public void Strings_are_escaped_only_where_JSON_requires(string value, string expected)
    {
        Assert.Equal(expected, JsonSerializer.Serialize(value, Options));
        Assert.Equal(value, JsonSerializer.Deserialize<string>(expected));
    }

    [Fact]
    public void A_long_string_that_needs_escaping_late_is_written_whole()
    {
        var value = new string('é', 5000) + "😀\"" + new string('x', 5000);

        var written = JsonSerializer.Serialize(new { value }, Options);

        Assert.Equal("{\"value\":\"" + new string('é', 5000) + "😀\\\"" + new string('x', 5000) + "\"}", written);
    }

    [Fact]
    public void A_lone_surrogate_is_never_written_as_invalid_UTF_8()
    {
        var written = JsonSerializer.SerializeToUtf8Bytes("a\ud83db", Options);

        var text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(written);
        Assert.Equal("\"a\ufffdb\"", text);
    }

    [Fact]
    public void It_agrees_with_JavaScriptJson_on_random_text()
    {
        var random = new Random(20261203);
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = (char)random.Next(0, 0xD7FF);
            }
            var value = new string(chars) + (i % 3 == 0 ? "😀" : "");
            var node = System.Text.Json.Nodes.JsonValue.Create(value);

            Assert.Equal(System.Text.Encoding.UTF8.GetString(JavaScriptJson.SerializeToUtf8Bytes(node)), JsonSerializer.Serialize(value, Options));
        }
    }
}
