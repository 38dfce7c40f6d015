using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Contacts;

public sealed class ContactsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Creating_a_contact_answers_201_with_every_field_and_it_can_be_read_back()
    {
        var client = await fixture.NewTenantAsync();

        var answer = await client.PostAsync("contacts", """{"name":"Ada Lovelace","phone":"+44 1234 567890","email":"ada@example.com","attributes":{"plan":"gold"}}""");

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var contact = answer.Json;
        Assert.StartsWith("con_", contact.Str("id"), StringComparison.Ordinal);
        Assert.Equal("Ada Lovelace", contact.Str("name"));
        Assert.Equal("+441234567890", contact.Str("phone"));
        Assert.Equal("ada@example.com", contact.Str("email"));
        Assert.Equal("""{"plan":"gold"}""", contact.GetProperty("attributes").GetRawText());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", contact.Str("created_at"));
        Assert.Equal(contact.Str("created_at"), contact.Str("updated_at"));

        var read = await client.GetOkAsync($"contacts/{contact.Str("id")}");
        Assert.Equal(contact.GetRawText(), read.GetRawText());
    }

    [Fact]
    public async Task A_contact_without_email_or_attributes_has_null_email_and_an_empty_object()
    {
        var client = await fixture.NewTenantAsync();

        var contact = await client.PostOkAsync("contacts", new { name = "Grace", phone = Seed.Phone() });

        Assert.Equal(System.Text.Json.JsonValueKind.Null, contact.GetProperty("email").ValueKind);
        Assert.Equal("{}", contact.GetProperty("attributes").GetRawText());
    }

    [Fact]
    public async Task Patching_a_contact_changes_only_the_fields_sent_and_moves_updated_at()
    {
        var client = await fixture.NewTenantAsync();
        var created = await client.PostOkAsync("contacts", new { name = "Ada", phone = Seed.Phone(), email = "ada@example.com" });
        var id = created.Str("id");

        var answer = await client.PatchAsync($"contacts/{id}", """{"name":"Ada Lovelace"}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var updated = answer.Json;
        Assert.Equal("Ada Lovelace", updated.Str("name"));
        Assert.Equal(created.Str("phone"), updated.Str("phone"));
        Assert.Equal("ada@example.com", updated.Str("email"));
        Assert.Equal(created.Str("created_at"), updated.Str("created_at"));
        Assert.True(string.CompareOrdinal(updated.Str("updated_at"), created.Str("updated_at")) >= 0);
        Assert.Equal(updated.GetRawText(), (await client.GetOkAsync($"contacts/{id}")).GetRawText());
    }

    [Fact]
    public async Task An_empty_email_in_a_patch_removes_the_email()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.PostOkAsync("contacts", new { name = "Ada", phone = Seed.Phone(), email = "ada@example.com" })).Str("id");

        await client.PatchAsync($"contacts/{id}", """{"email":""}""");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await client.GetOkAsync($"contacts/{id}")).GetProperty("email").ValueKind);
    }

    [Fact]
    public async Task Listing_walks_every_contact_once_newest_first_across_pages()
    {
        var client = await fixture.NewTenantAsync();
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await client.ContactAsync($"Contact {i}")).Str("id"));
        }

        var first = await client.GetOkAsync("contacts?limit=3");
        Assert.Equal(3, first.GetProperty("data").GetArrayLength());
        Assert.NotNull(first.GetProperty("next_cursor").GetString());

        var all = await client.AllAsync("contacts", limit: 3);
        ids.Reverse();
        Assert.Equal(ids, all.Select(c => c.Str("id")));
    }

    [Fact]
    public async Task The_last_page_has_a_null_next_cursor_and_the_default_page_holds_twenty()
    {
        var client = await fixture.NewTenantAsync();
        for (var i = 0; i < 21; i++)
        {
            await client.ContactAsync($"Contact {i}");
        }

        var page = await client.GetOkAsync("contacts");
        Assert.Equal(20, page.GetProperty("data").GetArrayLength());
        var last = await client.GetOkAsync($"contacts?cursor={page.Str("next_cursor")}");
        Assert.Equal(1, last.GetProperty("data").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, last.GetProperty("next_cursor").ValueKind);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task Out_of_range_limits_and_foreign_cursors_answer_422_naming_the_parameter(string query, string field)
    {
        var client = await fixture.NewTenantAsync();

        (await client.GetAnswerAsync($"contacts?{query}")).AssertInvalidFields(field);
    }

    [Fact]
    public async Task The_largest_limit_of_100_is_accepted()
    {
        var client = await fixture.NewTenantAsync();
        await client.ContactAsync();

        var page = await client.GetOkAsync("contacts?limit=100");

        Assert.Equal(1, page.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task An_unknown_contact_id_answers_404_for_get_and_patch()
    {
        var client = await fixture.NewTenantAsync();

        var get = (await client.GetAnswerAsync("contacts/con_nope")).AssertProblem(HttpStatusCode.NotFound);
        (await client.PatchAsync("contacts/con_nope", """{"name":"X"}""")).AssertProblem(HttpStatusCode.NotFound);

        Assert.Contains("con_nope", get.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_fields_are_all_named_in_one_422_and_nothing_is_stored()
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync("contacts", """{"name":"  ","phone":"call me","email":"nope","attributes":[1]}"""))
            .AssertInvalidFields("name", "phone", "email", "attributes");

        Assert.Contains("phone", problem.Error("phone"), StringComparison.Ordinal);
        Assert.Equal("contacts=0 messages=0 chatbots=0 webhooks=0 events=0", await client.CountsAsync());
    }
}
