using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;
using Libromi.Connect.Cli.Output;

namespace Libromi.Connect.Cli.Messages;

/// <summary><c>libromi messages send --contact ID --content TEXT</c></summary>
internal static class SendMessageCommand
{
    public static Command Create(CliContext context)
    {
        var contact = new Option<string>("--contact") { Description = "The id of the contact to send to (con_…).", Required = true };
        var content = new Option<string>("--content") { Description = "The message text.", Required = true };
        return context.Command("send", "Send a text message to a contact; emits message.sent.",
            run => ExecuteAsync(run, run.Value(contact), run.Value(content)), contact, content);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string contactId, string content)
    {
        var message = await run.Client.Messages.SendAsync(new() { ContactId = contactId, Content = content }, run.CancellationToken);
        run.Output.Show(message, o => o.Record(
        [
            ("id", message.Id),
            ("contact", message.ContactId),
            ("direction", message.Direction),
            ("status", message.Status),
            ("content", message.Content),
            ("created", Cells.Time(message.CreatedAt)),
        ]));
        return 0;
    }
}
