using System.Text.Json;
using System.Text.Json.Nodes;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Server.Contacts;

/// <summary>Contact changes and the events they emit, inside the caller's write transaction.</summary>
public sealed class ContactService(EventWriter events, IdGenerator ids, TimeProvider time)
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;

    public async Task<Contact> CreateAsync(WriteScope scope, string accountId, string name, string phone, string? email, JsonObject? attributes, CancellationToken cancellationToken)
    {
        if (await ContactStore.FindByPhoneAsync(scope, accountId, phone, cancellationToken) is { } existing)
        {
            throw ApiException.Conflict($"A contact with phone {phone} already exists ({existing.Id}). Update it with PATCH /api/v1/contacts/{existing.Id}.");
        }
        var now = time.GetUtcNow();
        var contact = new Contact(ids.New("con"), name, phone, email, JsonElement.Parse(ContactStore.ToText(attributes ?? [])), now, now);
        await ContactStore.InsertAsync(scope, accountId, contact, cancellationToken);
        await events.AppendAsync(scope, accountId, new ContactCreated(contact), cancellationToken);
        return contact;
    }

    public async Task<Contact> UpdateAsync(WriteScope scope, string accountId, string id, string? name, string? phone, string? email, JsonObject? attributePatch, CancellationToken cancellationToken)
    {
        var current = await ContactStore.FindAsync(scope.Connection, scope.Transaction, accountId, id, cancellationToken)
            ?? throw ApiException.NotFound("contact", id);
        if (phone is not null && phone != current.Phone
            && await ContactStore.FindByPhoneAsync(scope, accountId, phone, cancellationToken) is { } other)
        {
            throw ApiException.Conflict($"Another contact ({other.Id}) already has phone {phone}.");
        }

        var attributes = current.Attributes;
        if (attributePatch is not null)
        {
            var merged = JsonNode.Parse(current.Attributes.GetRawText())!.AsObject();
            foreach (var (key, value) in attributePatch)
            {
                if (value is null)
                {
                    merged.Remove(key);
                }
                else
                {
                    merged[key] = value.DeepClone();
                }
            }
            attributes = JsonElement.Parse(ContactStore.ToText(merged));
        }
        var updated = current with
        {
            Name = name ?? current.Name,
            Phone = phone ?? current.Phone,
            Email = email is null ? current.Email : email.Length == 0 ? null : email,
            Attributes = attributes,
        };

        var previous = new JsonObject();
        var changed = new List<string>();
        Compare("name", current.Name, updated.Name);
        Compare("phone", current.Phone, updated.Phone);
        Compare("email", current.Email, updated.Email);
        if (current.Attributes.GetRawText() != updated.Attributes.GetRawText())
        {
            changed.Add("attributes");
            previous["attributes"] = JsonNode.Parse(current.Attributes.GetRawText());
        }
        if (changed.Count == 0)
        {
            return current;
        }

        updated = updated with { UpdatedAt = time.GetUtcNow() };
        await ContactStore.UpdateAsync(scope, accountId, updated, cancellationToken);
        await events.AppendAsync(scope, accountId, new ContactUpdated(updated, changed, JsonElement.Parse(previous.ToJsonString())), cancellationToken);
        return updated;

        void Compare(string field, string? before, string? after)
        {
            if (before != after)
            {
                changed.Add(field);
                previous[field] = before;
            }
        }
    }
}
