using Libromi.Connect.Cli.Tests.Support;

namespace Libromi.Connect.Cli.Tests.Contacts;

public sealed class ContactCommandsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_contact_created_updated_and_messaged_from_the_command_line_shows_in_events()
    {
        var created = (await CliRunner.RunOkAsync(fixture.Server, "contacts", "create", "--name", "Ada", "--phone", "+44 1234 567890", "-o", "json")).Json;
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("+441234567890", created.GetProperty("phone").GetString());

        await CliRunner.RunOkAsync(fixture.Server, "contacts", "update", id, "--email", "ada@example.com");
        var shown = await CliRunner.RunOkAsync(fixture.Server, "contacts", "get", id);
        Assert.Contains("email: ada@example.com", shown.Output, StringComparison.Ordinal);

        var sent = (await CliRunner.RunOkAsync(fixture.Server, "messages", "send", "--contact", id, "--content", "Your order has shipped.", "-o", "json")).Json;
        Assert.Equal(("outbound", id), (sent.GetProperty("direction").GetString(), sent.GetProperty("contact_id").GetString()));

        var events = (await CliRunner.RunOkAsync(fixture.Server, "events", "list", "--type", "message.sent", "-o", "json")).Json;
        var eventId = events[0].GetProperty("id").GetString()!;
        var detail = await CliRunner.RunOkAsync(fixture.Server, "events", "get", eventId);
        Assert.Contains("Your order has shipped.", detail.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_refuses_without_yes_and_with_it_removes_the_contact_and_prints_the_counts()
    {
        var created = (await CliRunner.RunOkAsync(fixture.Server, "contacts", "create", "--name", "Ada Erased", "--phone", "+44 1234 567800", "-o", "json")).Json;
        var id = created.GetProperty("id").GetString()!;

        var refused = await CliRunner.RunAsync([.. CliRunner.For(fixture.Server), "contacts", "erase", id]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--yes", refused.Error, StringComparison.Ordinal);
        await CliRunner.RunOkAsync(fixture.Server, "contacts", "get", id);

        var erased = await CliRunner.RunOkAsync(fixture.Server, "contacts", "erase", id, "--yes");
        Assert.Contains("contact: " + id, erased.Output, StringComparison.Ordinal);
        Assert.Contains("events removed: 1", erased.Output, StringComparison.Ordinal);
        var gone = await CliRunner.RunAsync([.. CliRunner.For(fixture.Server), "contacts", "get", id]);
        Assert.NotEqual(0, gone.ExitCode);
    }
}
