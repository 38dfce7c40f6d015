using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Contacts;

public sealed class ContactAttributesTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Attributes_keep_any_json_the_user_sends_in_canonical_form()
    {
        var client = await fixture.NewTenantAsync();

        var answer = await client.PostAsync("contacts",
            $$$"""{"name":"Ada","phone":"{{{Seed.Phone()}}}","attributes":{ "plan" : "gold", "score": 1.50, "big": 1E3, "tags":["a", "b"], "nested":{"ok":true,"none":null}, "text":"\u00e9\n" }}""");

        var attributes = answer.Json.GetProperty("attributes").GetRawText();
        Assert.Equal("""{"plan":"gold","score":1.5,"big":1000,"tags":["a","b"],"nested":{"ok":true,"none":null},"text":"é\n"}""", attributes);
        var id = answer.Json.Str("id");
        Assert.Equal(attributes, (await client.GetOkAsync($"contacts/{id}")).GetProperty("attributes").GetRawText());
    }

    [Fact]
    public async Task A_patch_merges_attribute_keys_and_a_null_removes_a_key()
    {
        var client = await fixture.NewTenantAsync();
        var created = await client.PostOkAsync("contacts", new { name = "Ada", phone = Seed.Phone(), attributes = new { plan = "gold", city = "London", visits = 3 } });
        var id = created.Str("id");

        var updated = (await client.PatchAsync($"contacts/{id}", """{"attributes":{"plan":"platinum","city":null,"vip":true}}""")).Json;

        Assert.Equal("""{"plan":"platinum","visits":3,"vip":true}""", updated.GetProperty("attributes").GetRawText());
        Assert.Equal("""{"plan":"platinum","visits":3,"vip":true}""", (await client.GetOkAsync($"contacts/{id}")).GetProperty("attributes").GetRawText());
    }

    [Fact]
    public async Task A_patch_without_attributes_leaves_them_as_they_are()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.PostOkAsync("contacts", new { name = "Ada", phone = Seed.Phone(), attributes = new { plan = "gold" } })).Str("id");

        var updated = (await client.PatchAsync($"contacts/{id}", """{"name":"Ada L."}""")).Json;

        Assert.Equal("""{"plan":"gold"}""", updated.GetProperty("attributes").GetRawText());
    }

    [Theory]
    [InlineData("\"gold\"")]
    [InlineData("[1,2]")]
    [InlineData("42")]
    public async Task Attributes_that_are_not_an_object_answer_422(string attributes)
    {
        var client = await fixture.NewTenantAsync();

        (await client.PostAsync("contacts", $$"""{"name":"Ada","phone":"{{Seed.Phone()}}","attributes":{{attributes}}}""")).AssertInvalidFields("attributes");

        Assert.Empty(await client.AllAsync("contacts"));
    }

    [Fact]
    public async Task An_unpaired_surrogate_inside_attributes_is_named_by_its_path()
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync("contacts", $$$"""{"name":"Ada","phone":"{{{Seed.Phone()}}}","attributes":{"notes":["ok","\ud800"]}}"""))
            .AssertProblem(System.Net.HttpStatusCode.UnprocessableEntity);

        var field = Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name;
        Assert.StartsWith("attributes", field, StringComparison.Ordinal);
        Assert.Contains("notes", field, StringComparison.Ordinal);
    }
}
