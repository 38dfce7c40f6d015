using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Contacts;

/// <summary><c>libromi contacts create --name N --phone P [--email E]</c></summary>
internal static class CreateContactCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "The contact's name.", Required = true };
        var phone = new Option<string>("--phone") { Description = "The phone number, unique in the account: international, such as \"+44 7700 900123\", or national when the account has a default_region.", Required = true };
        var email = new Option<string?>("--email") { Description = "The email address. Default: none." };
        return context.Command("create", "Create a contact; emits contact.created.",
            run => ExecuteAsync(run, new() { Name = run.Value(name), Phone = run.Value(phone), Email = run.Value(email) }), name, phone, email);
    }

    private static async Task<int> ExecuteAsync(Invocation run, Client.CreateContactRequest request)
    {
        ContactView.Print(run.Output, await run.Client.Contacts.CreateAsync(request, run.CancellationToken));
        return 0;
    }
}
