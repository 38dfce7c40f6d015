using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;
using Libromi.Connect.Cli.Output;
using Libromi.Connect.Client;

namespace Libromi.Connect.Cli.Contacts;

/// <summary><c>libromi contacts erase ID --yes</c></summary>
internal static class EraseContactCommand
{
    public static Command Create(CliContext context)
    {
        var id = CommonOptions.Id("contact", "con");
        var yes = new Option<bool>("--yes") { Description = "Confirm: the erasure cannot be undone. Without it nothing is erased." };
        return context.Command("erase",
            "Erase a contact for good (GDPR Art. 17): the contact, its messages and the events about it; its pending deliveries are cancelled.",
            run => ExecuteAsync(run, run.Value(id), run.Value(yes)), id, yes);
    }

    private static async Task<int> ExecuteAsync(Invocation run, string id, bool yes)
    {
        if (!yes)
        {
            throw new CliException($"Erasing {id} removes it, its messages and the events about it for good. Run it again with --yes to confirm.");
        }
        Print(run.Output, await run.Client.Contacts.EraseAsync(id, run.CancellationToken));
        return 0;
    }

    private static void Print(CliOutput output, ContactErasure e) => output.Show(e, o => o.Record(
    [
        ("erasure", e.Id),
        ("contact", e.ContactId),
        ("erased", Cells.Time(e.ErasedAt)),
        ("messages removed", e.Messages.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("events removed", e.Events.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("deliveries removed", e.DeliveriesRemoved.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("attempts removed", e.AttemptsRemoved.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("deliveries cancelled", e.DeliveriesCancelled.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ]));
}
