using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Contacts.Erasure;

public sealed class ErasureApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Erasing_a_contact_removes_it_with_its_messages_and_events_and_reports_the_counts()
    {
        var client = await fixture.NewTenantAsync();
        var contact = await client.PostOkAsync("contacts", new { name = "Ada Erased", phone = Seed.Phone(), email = "ada.erased@example.com" });
        var id = contact.Str("id");
        await client.PostOkAsync("messages", new { contact_id = id, type = "text", content = "hello" });
        var other = await client.PostOkAsync("contacts", new { name = "Grace Kept", phone = Seed.Phone() });

        var answer = await client.PostAsync($"contacts/{id}/erase", "");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var report = answer.Json;
        Assert.StartsWith("era_", report.Str("id"), StringComparison.Ordinal);
        Assert.Equal(id, report.Str("contact_id"));
        Assert.Equal(1, report.GetProperty("messages").GetInt32());
        Assert.True(report.GetProperty("events").GetInt32() >= 2, report.GetRawText());
        Assert.Equal(0, report.GetProperty("deliveries_cancelled").GetInt32());
        Assert.DoesNotContain("Ada", answer.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAnswerAsync($"contacts/{id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAnswerAsync($"contacts/{other.Str("id")}")).Status);

        var audit = await client.GetOkAsync("erasures");
        Assert.Equal(report.GetRawText(), audit.GetProperty("data")[0].GetRawText());
        Assert.Equal(report.GetRawText(), (await client.GetOkAsync($"erasures/{report.Str("id")}")).GetRawText());
    }

    [Fact]
    public async Task A_second_erase_and_another_accounts_erase_answer_404_and_change_nothing()
    {
        var client = await fixture.NewTenantAsync();
        var stranger = await fixture.NewTenantAsync();
        var id = (await client.PostOkAsync("contacts", new { name = "Ada", phone = Seed.Phone() })).Str("id");

        var foreign = await stranger.PostAsync($"contacts/{id}/erase", "");
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.Equal("application/problem+json", foreign.ContentType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAnswerAsync($"contacts/{id}")).Status);
        Assert.Empty((await stranger.GetOkAsync("erasures")).GetProperty("data").EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"contacts/{id}/erase", "")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"contacts/{id}/erase", "")).Status);
        Assert.Single((await client.GetOkAsync("erasures")).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task The_remembered_response_of_creating_the_contact_is_forgotten_with_it()
    {
        var client = await fixture.NewTenantAsync();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "create-ada" };
        var body = $$"""{"name":"Ada Remembered","phone":"{{Seed.Phone()}}"}""";
        var id = (await client.PostAsync("contacts", body, key)).Json.Str("id");

        await client.PostAsync($"contacts/{id}/erase", "");
        var replay = await client.PostAsync("contacts", body, key);

        Assert.Null(replay.Header("Idempotent-Replayed"));
        Assert.NotEqual(id, replay.Json.Str("id"));
    }
}
