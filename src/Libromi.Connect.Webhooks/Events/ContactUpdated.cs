using System.Text.Json;

namespace Libromi.Connect.Webhooks.Events;

/// <summary>Data of <c>contact.updated</c>: a contact's information changed.</summary>
/// <param name="Contact">The contact as it is now.</param>
/// <param name="ChangedFields">The fields that changed: any of <c>name</c>, <c>phone</c>, <c>email</c> and <c>attributes</c>.</param>
/// <param name="Previous">A JSON object holding the old value of each changed field, keyed by field name.</param>
public sealed record ContactUpdated(Contact Contact, IReadOnlyList<string> ChangedFields, JsonElement Previous) : IContactEventData
{
    /// <inheritdoc/>
    public static string EventType => WebhookEventTypes.ContactUpdated;
}
