using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Contacts;

public sealed class PhoneNormalisationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("+1 (234) 567-890")]
    [InlineData("1234567890")]
    [InlineData("+1.234.567.890")]
    [InlineData(" 1-234-567-890 ")]
    public async Task Phones_are_stored_as_a_plus_and_their_digits(string phone)
    {
        var client = await fixture.NewTenantAsync();

        var contact = await client.PostOkAsync("contacts", new { name = "Ada", phone });

        Assert.Equal("+1234567890", contact.Str("phone"));
    }

    [Fact]
    public async Task The_same_number_written_differently_is_a_duplicate_and_answers_409()
    {
        var client = await fixture.NewTenantAsync();
        var first = await client.PostOkAsync("contacts", new { name = "Ada", phone = "+1 (234) 567-890" });

        var problem = (await client.PostAsync("contacts", """{"name":"Also Ada","phone":"1234567890"}""")).AssertProblem(HttpStatusCode.Conflict);

        Assert.Contains(first.Str("id"), problem.Str("detail"), StringComparison.Ordinal);
        Assert.Single(await client.AllAsync("contacts"));
        Assert.Equal(["contact.created"], await client.EventTypesAsync());
    }

    [Fact]
    public async Task Patching_a_phone_onto_another_contacts_number_answers_409_and_changes_nothing()
    {
        var client = await fixture.NewTenantAsync();
        await client.PostOkAsync("contacts", new { name = "Ada", phone = "+1 (234) 567-890" });
        var grace = await client.PostOkAsync("contacts", new { name = "Grace", phone = "+1 999 999 9999" });

        (await client.PatchAsync($"contacts/{grace.Str("id")}", """{"phone":"1234567890"}""")).AssertProblem(HttpStatusCode.Conflict);

        Assert.Equal("+19999999999", (await client.GetOkAsync($"contacts/{grace.Str("id")}")).Str("phone"));
        Assert.DoesNotContain("contact.updated", await client.EventTypesAsync());
    }

    [Fact]
    public async Task Two_accounts_may_each_have_a_contact_with_the_same_number()
    {
        var ada = await fixture.NewTenantAsync();
        var other = await fixture.NewTenantAsync();

        await ada.PostOkAsync("contacts", new { name = "Ada", phone = "+1234567890" });
        var answer = await other.PostAsync("contacts", """{"name":"Ada","phone":"+1234567890"}""");

        Assert.Equal(HttpStatusCode.Created, answer.Status);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("+1234567890123456")]
    [InlineData("12+34567890")]
    [InlineData("phone: 1234567")]
    [InlineData("")]
    public async Task Numbers_that_are_too_short_too_long_or_contain_other_characters_answer_422_on_phone(string phone)
    {
        var client = await fixture.NewTenantAsync();

        (await client.PostAsync("contacts", System.Text.Json.JsonSerializer.Serialize(new { name = "Ada", phone }))).AssertInvalidFields("phone");
    }
}
