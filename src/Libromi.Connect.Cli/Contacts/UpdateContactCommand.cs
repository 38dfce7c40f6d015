using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Contacts;

/// <summary><c>libromi contacts update ID [--name N] [--phone P] [--email E]</c></summary>
internal static class UpdateContactCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("contact", "con");
        var name = new Option<string?>("--name") { Description = "A new name. Default: unchanged." };
        var phone = new Option<string?>("--phone") { Description = "A new phone number. Default: unchanged." };
        var email = new Option<string?>("--email") { Description = "A new email address; \"\" removes it. Default: unchanged." };
        return context.Command("update", "Change a contact; options left out keep their values. Emits contact.updated.",
            run => ExecuteAsync(run, run.Value(id), new() { Name = run.Value(name), Phone = run.Value(phone), Email = run.Value(email) }),
            id, name, phone, email);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string id, Client.UpdateContactRequest changes)
    {
        ContactView.Print(run.Output, await run.Client.Contacts.UpdateAsync(id, changes, run.CancellationToken));
        return 0;
    }
}
