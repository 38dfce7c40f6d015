using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Messages;

/// <summary><c>libromi messages …</c></summary>
internal static class MessagesCommand
{
    public static Command Create(CliContext context) => new("messages", "Send messages to contacts.")
    {
        SendMessageCommand.Create(context),
    };
}
