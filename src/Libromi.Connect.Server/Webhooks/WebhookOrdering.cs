namespace Libromi.Connect.Server.Webhooks;

/// <summary>
/// The order a webhook's deliveries go in: <see cref="None"/>, any order and as many at once as the endpoint's limits
/// allow; or <see cref="Contact"/>, the deliveries of events about one contact one at a time, in the order those events
/// were committed (stored as <see cref="Code"/> 1, with the contact's id on each delivery as its ordering key).
/// </summary>
public static class WebhookOrdering
{
    public const string None = "none";
    public const string Contact = "contact";

    public static bool IsKnown(string value) => value is None or Contact;

    public static int Code(string value) => value == Contact ? 1 : 0;

    public static string Name(long code) => code == 1 ? Contact : None;
}
