using System.Net;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Webhooks;

/// <summary>The <c>filter</c> field as a user sets, reads and gets refused it; what it does to deliveries is in Delivery/.</summary>
public sealed class WebhookFilterFieldsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Gold = """{"data.contact.attributes.plan":{"$in":["gold","pro"]},"data.message.content":{"$contains":"order"}}""";

    [Fact]
    public async Task A_webhook_has_no_filter_unless_given_one_and_reads_back_the_filter_it_was_given()
    {
        var client = await fixture.NewTenantAsync();

        var plain = await client.PostOkAsync("webhooks", new { url = "https://example.com/a", events = new[] { "*" } });
        var filtered = (await client.PostAsync("webhooks", """{"url":"https://example.com/b","events":["*"],"filter":""" + Gold + "}")).Json;

        Assert.Equal(JsonValueKind.Null, plain.GetProperty("filter").ValueKind);
        Assert.Equal(Gold, filtered.GetProperty("filter").GetRawText());
        Assert.Equal(Gold, (await client.GetOkAsync($"webhooks/{filtered.Str("id")}")).GetProperty("filter").GetRawText());
        var listed = (await client.AllAsync("webhooks")).Single(w => w.Str("id") == filtered.Str("id"));
        Assert.Equal(Gold, listed.GetProperty("filter").GetRawText());
    }

    [Fact]
    public async Task Patching_sets_keeps_changes_and_removes_the_filter()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.PostOkAsync("webhooks", new { url = "https://example.com/a", events = new[] { "*" } })).Str("id");

        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", """{"filter":""" + Gold + "}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", """{"description":"kept"}""")).Status);
        Assert.Equal(Gold, (await client.GetOkAsync($"webhooks/{id}")).GetProperty("filter").GetRawText());

        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", """{"filter":{"type":"message.sent"}}""")).Status);
        Assert.Equal("""{"type":"message.sent"}""", (await client.GetOkAsync($"webhooks/{id}")).GetProperty("filter").GetRawText());

        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", """{"filter":null}""")).Status);
        Assert.Equal(JsonValueKind.Null, (await client.GetOkAsync($"webhooks/{id}")).GetProperty("filter").ValueKind);
    }

    [Theory]
    [InlineData("""{"data.x":{"$regex":"a"}}""", "filter.data.x.$regex", "$regex")]
    [InlineData("""{"$nor":[{"data.x":1}]}""", "filter.$nor", "$nor")]
    [InlineData("""{"$gt":1}""", "filter.$gt", "inside a path")]
    [InlineData("""{"data..x":1}""", "filter.data..x", "dot notation")]
    [InlineData("""{"data.x y":1}""", "filter.data.x y", "dot notation")]
    [InlineData("""{".data":1}""", "filter..data", "dot notation")]
    [InlineData("""{"data.x":{"$gt":true}}""", "filter.data.x.$gt", "number")]
    [InlineData("""{"data.x":{"$in":"gold"}}""", "filter.data.x.$in", "array")]
    [InlineData("""{"data.x":{"$in":[]}}""", "filter.data.x.$in", "non-empty")]
    [InlineData("""{"data.x":{"$exists":1}}""", "filter.data.x.$exists", "true")]
    [InlineData("""{"data.x":{"$startsWith":3}}""", "filter.data.x.$startsWith", "string")]
    [InlineData("""{"data.x":{"$eq":{"a":1}}}""", "filter.data.x.$eq", "by path")]
    [InlineData("""{"data.x":{"plan":"gold"}}""", "filter.data.x", "data.x.plan")]
    [InlineData("""{"data.x":["gold"]}""", "filter.data.x", "$in")]
    [InlineData("""{"$and":[]}""", "filter.$and", "non-empty")]
    [InlineData("""{"$or":[{"data.x":{"$lt":[1]}}]}""", "filter.$or[0].data.x.$lt", "number")]
    [InlineData("""{"$not":{"data.x":{"$foo":1}}}""", "filter.$not.data.x.$foo", "$foo")]
    [InlineData("""{}""", "filter", "null")]
    [InlineData("""[{"data.x":1}]""", "filter", "object")]
    [InlineData("\"data.x\"", "filter", "object")]
    public async Task A_wrong_filter_answers_422_naming_where_it_is_wrong_and_creates_nothing(string filter, string field, string explains)
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync("webhooks", """{"url":"https://example.com/a","events":["*"],"filter":""" + filter + "}")).AssertInvalidFields(field);

        Assert.Contains(explains, problem.Error(field), StringComparison.Ordinal);
        Assert.Empty(await client.AllAsync("webhooks"));
    }

    [Fact]
    public async Task A_filter_over_the_limits_of_size_and_conditions_answers_422()
    {
        var client = await fixture.NewTenantAsync();
        var many = "{" + string.Join(",", Enumerable.Range(0, 65).Select(i => $"\"data.f{i}\":{i}")) + "}";
        var big = """{"data.x":{"$in":[""" + string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"value-{i}\"")) + "]}}";

        var tooMany = (await client.PostAsync("webhooks", """{"url":"https://example.com/a","events":["*"],"filter":""" + many + "}")).AssertInvalidFields("filter");
        var tooBig = (await client.PostAsync("webhooks", """{"url":"https://example.com/a","events":["*"],"filter":""" + big + "}")).AssertInvalidFields("filter");

        Assert.Contains("65 conditions", tooMany.Error("filter"), StringComparison.Ordinal);
        Assert.Contains("at most 4096", tooBig.Error("filter"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"data.x":{"$regex":"a"}}""", "filter.data.x.$regex")]
    [InlineData("""{"data.":1}""", "filter.data.")]
    [InlineData("""{"data.x":{"$gte":null}}""", "filter.data.x.$gte")]
    [InlineData("7", "filter")]
    public async Task A_wrong_filter_on_patch_answers_422_and_keeps_the_filter(string filter, string field)
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.PostAsync("webhooks", """{"url":"https://example.com/a","events":["*"],"filter":""" + Gold + "}")).Json.Str("id");
        var before = await client.GetOkAsync($"webhooks/{id}");

        (await client.PatchAsync($"webhooks/{id}", """{"filter":""" + filter + "}")).AssertInvalidFields(field);

        Assert.Equal(before.GetRawText(), (await client.GetOkAsync($"webhooks/{id}")).GetRawText());
    }

    [Fact]
    public async Task The_openapi_document_describes_filter_and_the_filter_test()
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.BaseAddress };

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Contains("/api/v1/webhooks/{id}/filter-test", document, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(document);
        var schemas = json.RootElement.GetProperty("components").GetProperty("schemas");
        foreach (var type in new[] { "Webhook", "CreateWebhookRequest", "UpdateWebhookRequest" })
        {
            var filter = schemas.GetProperty(type).GetProperty("properties").GetProperty("filter");
            Assert.Equal(["null", "object"], filter.GetProperty("type").EnumerateArray().Select(t => t.GetString()));
            Assert.Contains("dot notation", filter.Str("description"), StringComparison.Ordinal);
        }
        Assert.True(schemas.GetProperty("FilterTestResponse").GetProperty("properties").TryGetProperty("reasons", out _));
    }
}
