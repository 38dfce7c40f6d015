using Libromi.Connect.Cli.Output;
using Libromi.Connect.Client;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Cli.Contacts;

/// <summary>How a contact prints: a row in lists, a record on its own.</summary>
internal static class ContactView
{
    public static readonly string[] Headers = ["ID", "NAME", "PHONE", "EMAIL", "CREATED"];

    public static string?[] Row(Contact c) => [c.Id, c.Name, c.Phone, c.Email, Cells.Time(c.CreatedAt)];

    public static void Print(CliOutput output, Contact c) => output.Show(c, o => o.Record(
    [
        ("id", c.Id),
        ("name", c.Name),
        ("phone", c.Phone),
        ("phone formatted", c.PhoneFormatted),
        ("email", c.Email),
        ("attributes", c.Attributes.GetRawText()),
        ("created", Cells.Time(c.CreatedAt)),
        ("updated", Cells.Time(c.UpdatedAt)),
    ]));
}
