using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Contacts;

/// <summary>
/// Phone numbers are read with libphonenumber and stored in E.164: the same number typed different ways is one
/// contact, a national number is read in the account's <c>default_region</c>, and an impossible one is a 422 that says
/// why and what was probably meant.
/// </summary>
public sealed class PhoneNormalisationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("+44 7700 900123", "+447700900123", "+44 7700 900123")]
    [InlineData("+1 (415) 555-0132", "+14155550132", "+1 415-555-0132")]
    [InlineData("+1 555 555 0199", "+15555550199", "+1 555-555-0199")]
    [InlineData("+91 98765 43210", "+919876543210", "+91 98765 43210")]
    [InlineData("+49 30 901820", "+4930901820", "+49 30 901820")]
    [InlineData("+33 6 12 34 56 78", "+33612345678", "+33 6 12 34 56 78")]
    [InlineData("+55 11 91234-5678", "+5511912345678", "+55 11 91234-5678")]
    [InlineData("+81 90-1234-5678", "+819012345678", "+81 90-1234-5678")]
    [InlineData("+234 803 123 4567", "+2348031234567", "+234 803 123 4567")]
    [InlineData("+61.4.1234.5678", "+61412345678", "+61 412 345 678")]
    public async Task International_numbers_from_many_regions_are_stored_in_E164_with_a_formatted_copy(string typed, string e164, string formatted)
    {
        var client = await fixture.NewTenantAsync();

        var contact = await client.PostOkAsync("contacts", new { name = "Ada", phone = typed });
        var read = await client.GetOkAsync($"contacts/{contact.Str("id")}");

        Assert.Equal(e164, contact.Str("phone"));
        Assert.Equal(formatted, contact.Str("phone_formatted"));
        Assert.Equal(formatted, read.Str("phone_formatted"));
    }

    [Theory]
    [InlineData("GB", "07700 900123", "+447700900123")]
    [InlineData("US", "(415) 555-0132", "+14155550132")]
    [InlineData("IN", "098765 43210", "+919876543210")]
    [InlineData("DE", "030 901820", "+4930901820")]
    [InlineData("FR", "06 12 34 56 78", "+33612345678")]
    [InlineData("BR", "(11) 91234-5678", "+5511912345678")]
    [InlineData("gb", "+44 7700 900123", "+447700900123")]
    public async Task A_national_number_is_read_in_the_accounts_default_region(string region, string typed, string e164)
    {
        var client = await fixture.NewTenantAsync();
        var account = await client.SendJsonAsync(HttpMethod.Patch, "account", new { default_region = region });

        var contact = await client.PostOkAsync("contacts", new { name = "Ada", phone = typed });

        Assert.Equal(HttpStatusCode.OK, account.Status);
        Assert.Equal(region.ToUpperInvariant(), account.Body.Str("default_region"));
        Assert.Equal(e164, contact.Str("phone"));
    }

    [Fact]
    public async Task The_same_number_typed_nationally_and_internationally_is_one_contact()
    {
        var client = await fixture.NewTenantAsync();
        await client.SendJsonAsync(HttpMethod.Patch, "account", new { default_region = "GB" });
        var typed = await client.PostOkAsync("contacts", new { name = "Ada", phone = "07700 900123" });

        var duplicate = (await client.PostAsync("contacts", """{"name":"Also Ada","phone":"+44 7700 900123"}""")).AssertProblem(HttpStatusCode.Conflict);
        var message = await client.PostOkAsync("inbound/messages", new { from = "+447700900123", content = "Hello" });

        Assert.Contains(typed.Str("id"), duplicate.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(typed.Str("id"), message.Str("contact_id"));
        Assert.Single(await client.AllAsync("contacts"));
    }

    [Fact]
    public async Task Without_a_default_region_a_national_number_is_refused_and_the_international_one_suggested()
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync("contacts", """{"name":"Ada","phone":"447700900123"}""")).AssertInvalidFields("phone");
        var account = await client.GetOkAsync("account");

        Assert.Contains("must be in international format", problem.Error("phone"), StringComparison.Ordinal);
        Assert.Contains("default_region", problem.Error("phone"), StringComparison.Ordinal);
        Assert.Contains("Did you mean \"+44 7700 900123\"?", problem.Error("phone"), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, account.GetProperty("default_region").ValueKind);
    }

    [Theory]
    [InlineData("+1 555 0100", "too short for a number of US (+1)")]
    [InlineData("+44 7700 9001", "too short for a number of GB (+44)")]
    [InlineData("+44 7700 900123 456", "too long for a number of GB (+44)")]
    [InlineData("+999 1234 5678", "country code that does not exist")]
    [InlineData("+0 1234 5678", "country code that does not exist")]
    [InlineData("+1234567890123456789", "too long")]
    [InlineData("+12", "too short")]
    [InlineData("12+34567890", "only digits")]
    [InlineData("phone: 1234567", "only digits")]
    [InlineData("", "is required")]
    public async Task An_impossible_number_is_a_422_on_phone_that_says_why(string phone, string why)
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync("contacts", System.Text.Json.JsonSerializer.Serialize(new { name = "Ada", phone }))).AssertInvalidFields("phone");

        Assert.Contains(why, problem.Error("phone"), StringComparison.Ordinal);
        Assert.Empty(await client.AllAsync("contacts"));
    }

    [Fact]
    public async Task A_number_dialable_only_within_its_area_counts_as_too_short_and_the_full_one_is_suggested()
    {
        var client = await fixture.NewTenantAsync();
        await client.SendJsonAsync(HttpMethod.Patch, "account", new { default_region = "US" });

        var problem = (await client.PostAsync("contacts", """{"name":"Ada","phone":"555 0132"}""")).AssertInvalidFields("phone");

        Assert.Contains("too short for a number of US (+1): it could be dialled only within its area; include the area code", problem.Error("phone"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inbound_message_from_an_impossible_number_is_a_422_on_from()
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync("inbound/messages", """{"from":"+44 12","content":"hi"}""")).AssertInvalidFields("from");

        Assert.Contains("'from'", problem.Error("from"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"XX\"", "ISO 3166 alpha-2")]
    [InlineData("\"United Kingdom\"", "ISO 3166 alpha-2")]
    [InlineData("44", "must be a string")]
    public async Task A_default_region_that_is_not_a_region_code_is_a_422_and_changes_nothing(string value, string why)
    {
        var client = await fixture.NewTenantAsync();
        await client.SendJsonAsync(HttpMethod.Patch, "account", new { default_region = "GB" });

        var problem = (await client.PatchAsync("account", $$"""{"default_region":{{value}}}""")).AssertInvalidFields("default_region");
        var missing = (await client.PatchAsync("account", "{}")).AssertInvalidFields("default_region");

        Assert.Contains(why, problem.Error("default_region"), StringComparison.Ordinal);
        Assert.Contains("is required", missing.Error("default_region"), StringComparison.Ordinal);
        Assert.Equal("GB", (await client.GetOkAsync("account")).Str("default_region"));
    }

    [Fact]
    public async Task A_default_region_set_to_null_accepts_international_numbers_only_again()
    {
        var client = await fixture.NewTenantAsync();
        await client.SendJsonAsync(HttpMethod.Patch, "account", new { default_region = "GB" });
        await client.PostOkAsync("contacts", new { name = "Ada", phone = "07700 900123" });

        var cleared = await client.PatchAsync("account", """{"default_region":null}""");
        var refused = await client.PostAsync("contacts", """{"name":"Grace","phone":"07700 900124"}""");

        Assert.Equal(HttpStatusCode.OK, cleared.Status);
        refused.AssertInvalidFields("phone");
    }

    [Fact]
    public async Task Patching_a_phone_onto_another_contacts_number_answers_409_and_changes_nothing()
    {
        var client = await fixture.NewTenantAsync();
        await client.PostOkAsync("contacts", new { name = "Ada", phone = "+44 7700 900123" });
        var grace = await client.PostOkAsync("contacts", new { name = "Grace", phone = "+1 415 555 0132" });

        (await client.PatchAsync($"contacts/{grace.Str("id")}", """{"phone":"+447700900123"}""")).AssertProblem(HttpStatusCode.Conflict);

        Assert.Equal("+14155550132", (await client.GetOkAsync($"contacts/{grace.Str("id")}")).Str("phone"));
        Assert.DoesNotContain("contact.updated", await client.EventTypesAsync());
    }

    [Fact]
    public async Task A_patched_phone_is_re_formatted_and_its_event_carries_the_new_formatted_number()
    {
        var client = await fixture.NewTenantAsync();
        var ada = await client.PostOkAsync("contacts", new { name = "Ada", phone = "+44 7700 900123" });

        var patched = await client.SendJsonAsync(HttpMethod.Patch, $"contacts/{ada.Str("id")}", new { phone = "+1 415 555 0132" });
        var events = await client.GetOkAsync("events?type=contact.updated");

        Assert.Equal("+1 415-555-0132", patched.Body.Str("phone_formatted"));
        var contact = events.GetProperty("data")[0].GetProperty("data").GetProperty("contact");
        Assert.Equal("+1 415-555-0132", contact.Str("phone_formatted"));
    }

    [Fact]
    public async Task Two_accounts_may_each_have_a_contact_with_the_same_number()
    {
        var ada = await fixture.NewTenantAsync();
        var other = await fixture.NewTenantAsync();

        await ada.PostOkAsync("contacts", new { name = "Ada", phone = "+447700900123" });
        var answer = await other.PostAsync("contacts", """{"name":"Ada","phone":"+447700900123"}""");

        Assert.Equal(HttpStatusCode.Created, answer.Status);
    }

    [Fact]
    public async Task A_read_key_cannot_change_the_default_region()
    {
        var client = await fixture.NewTenantAsync();
        var read = (await client.PostOkAsync("api-keys", new { name = "auditor", scope = "read" })).Str("key");
        using var reader = fixture.Server.CreateClient(read);

        (await reader.PatchAsync("account", """{"default_region":"GB"}""")).AssertProblem(HttpStatusCode.Forbidden);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await client.GetOkAsync("account")).GetProperty("default_region").ValueKind);
    }
}
