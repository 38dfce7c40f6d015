using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Contacts;

/// <summary><c>libromi contacts …</c></summary>
internal static class ContactsCommand
{
    public static Command Create(CliContext context) => new("contacts", "Create, read, list, update and erase contacts.")
    {
        ListContactsCommand.Create(context),
        CreateContactCommand.Create(context),
        GetContactCommand.Create(context),
        UpdateContactCommand.Create(context),
        EraseContactCommand.Create(context),
    };
}
