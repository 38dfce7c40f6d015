using Libromi.Connect.Cli.Tests.Support;

namespace Libromi.Connect.Cli.Tests.Trigger;

public sealed class TriggerCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("message.received")]
    [InlineData("message.sent")]
    [InlineData("contact.created")]
    [InlineData("contact.updated")]
    [InlineData("chatbot.triggered")]
    public async Task Each_trigger_emits_its_event_and_can_run_again(string eventType)
    {
        var before = await CountAsync(eventType);

        var first = await CliRunner.RunOkAsync(fixture.Server, "trigger", eventType);
        await CliRunner.RunOkAsync(fixture.Server, "trigger", eventType);

        Assert.StartsWith($"Triggered {eventType}: ", first.Output, StringComparison.Ordinal);
        Assert.Equal(before + 2, await CountAsync(eventType));
    }

    private async Task<int> CountAsync(string eventType) =>
        await fixture.Client.Events.ListAsync(eventType, 100).CountAsync();
}
