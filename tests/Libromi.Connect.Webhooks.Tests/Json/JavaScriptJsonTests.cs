using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Libromi.Connect.Webhooks.Json;

namespace Libromi.Connect.Webhooks.Tests.Json;

public sealed class JavaScriptJsonTests
{
    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1.2345678901234568e20, "123456789012345680000")]
    [InlineData(-0.0, "0")]
    [InlineData(double.NaN, "null")]
    [InlineData(double.PositiveInfinity, "null")]
    [InlineData(-1.5e-9, "-1.5e-9")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(123.456, "123.456")]
    public void Doubles_are_formatted_like_ecmascript_number_to_string(double value, string expected) =>
        Assert.Equal(expected, Serialize(JsonValue.Create(value)));

    [Fact]
    public void Integer_decimal_and_long_values_are_written_as_the_double_they_convert_to()
    {
        var node = new JsonArray(JsonValue.Create(42), JsonValue.Create(9007199254740993L), JsonValue.Create(0.1m), JsonValue.Create(1.5f));

        Assert.Equal("[42,9007199254740992,0.1,1.5]", Serialize(node));
    }

    [Fact]
    public void Lone_surrogates_in_hand_built_strings_are_written_as_lowercase_escapes()
    {
        Assert.Equal("[\"a\\ud800b\",\"\\udfff\"]", Serialize(new JsonArray("a\ud800b", "\udfff")));
    }

    [Fact]
    public void Long_strings_are_written_across_buffer_chunks_without_splitting_characters()
    {
        var text = string.Concat(Enumerable.Repeat("é😀\n\"", 5000));

        var expected = "\"" + text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        Assert.Equal(expected, Serialize(JsonValue.Create(text)));
    }

    [Fact]
    public void Write_appends_to_a_buffer_writer_that_already_holds_data()
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("x"u8);

        JavaScriptJson.Write(buffer, new JsonObject { ["k"] = "v" });

        Assert.Equal("x{\"k\":\"v\"}", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static string Serialize(JsonNode? node) => Encoding.UTF8.GetString(JavaScriptJson.SerializeToUtf8Bytes(node));
}
