using System.Text.Json;
using System.Text.Json.Nodes;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Contacts.Erasure;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Server.Contacts;

/// <summary>Contacts of an account and the events their changes emit; input arrives validated by <see cref="ContactValidation"/>.</summary>
public sealed class ContactService(Database database, EventWriter events, IdGenerator ids, TimeProvider time, DeliveryChanges changes)
{
    /// <summary>
    /// Erases the contact in the caller's write scope (see <see cref="ErasureStore.EraseAsync"/>); missing when the
    /// account has no such contact, a second erase included. It emits no event: one would carry what was just erased.
    /// </summary>
    public async Task<Outcome<ContactErasure>> EraseAsync(WriteScope scope, string accountId, string id, CancellationToken cancellationToken)
    {
        if (await ContactStore.FindAsync(scope, accountId, id, cancellationToken) is null)
        {
            return new() { Missing = true };
        }
        var erasure = await ErasureStore.EraseAsync(scope, accountId, id, ids.New(ErasureStore.Prefix), time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        scope.AfterCommit.Add(changes.Publish);
        return erasure;
    }

    public async Task<ContactErasure?> FindErasureAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await ErasureStore.FindAsync(session, accountId, id, cancellationToken);
    }

    public async Task<Page<ContactErasure>> ListErasuresAsync(string accountId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await ErasureStore.ListAsync(session, accountId, page, cancellationToken);
    }

    public async Task<Contact?> FindAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await ContactStore.FindAsync(session, accountId, id, cancellationToken);
    }

    public async Task<Page<Contact>> ListAsync(string accountId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await ContactStore.ListAsync(session, accountId, page, cancellationToken);
    }

    /// <summary>Creates the contact in the caller's write scope; a conflict when another contact has the phone.</summary>
    public async Task<Outcome<Contact>> CreateAsync(WriteScope scope, string accountId, ContactInput input, CancellationToken cancellationToken)
    {
        var phone = input.Phone!;
        if (await ContactStore.FindByPhoneAsync(scope, accountId, phone, cancellationToken) is { } existing)
        {
            return new() { Conflict = $"A contact with phone {phone} already exists ({existing.Id}). Update it with PATCH /api/v1/contacts/{existing.Id}." };
        }
        return await CreateAsync(scope, accountId, input.Name!, phone, input.Email, input.Attributes, cancellationToken);
    }

    /// <summary>Creates a contact for a phone that no contact of the account has.</summary>
    public async Task<Contact> CreateAsync(WriteScope scope, string accountId, string name, string phone, string? email, JsonObject? attributes, CancellationToken cancellationToken)
    {
        var contact = New(name, phone, email, attributes);
        await ContactStore.InsertAsync(scope, accountId, contact, cancellationToken);
        await events.AppendAsync(scope, accountId, new ContactCreated(contact), cancellationToken);
        return contact;
    }

    /// <summary>
    /// The account's contact with the phone, created when there is none. Two requests racing for a new phone (two
    /// nodes on PostgreSQL) both get the one contact, and only the one that created it emits <c>contact.created</c>.
    /// </summary>
    public async Task<Contact> FindOrCreateAsync(WriteScope scope, string accountId, string name, string phone, CancellationToken cancellationToken)
    {
        // Loops only when the contact that won the insert lost its phone before it could be read.
        while (true)
        {
            if (await ContactStore.FindByPhoneAsync(scope, accountId, phone, cancellationToken) is { } existing)
            {
                return existing;
            }
            var contact = New(name, phone, null, null);
            if (await ContactStore.InsertIfAbsentAsync(scope, accountId, contact, cancellationToken))
            {
                await events.AppendAsync(scope, accountId, new ContactCreated(contact), cancellationToken);
                return contact;
            }
        }
    }

    private Contact New(string name, string phone, string? email, JsonObject? attributes)
    {
        var now = time.GetUtcNow();
        return new Contact(ids.New("con"), name, phone, email, JsonElement.Parse(ContactStore.ToText(attributes ?? [])), now, now)
        {
            PhoneFormatted = PhoneNumber.Formatted(phone),
        };
    }

    /// <summary>Applies the changes in one write of its own; <c>attributes</c> are merged key by key.</summary>
    public async Task<Outcome<Contact>> UpdateAsync(string accountId, string id, ContactInput input, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        var outcome = await UpdateAsync(scope, accountId, id, input.Name, input.Phone, input.Email, input.Attributes, cancellationToken);
        if (outcome.Value is not null)
        {
            await scope.CommitAsync(cancellationToken);
        }
        return outcome;
    }

    private async Task<Outcome<Contact>> UpdateAsync(WriteScope scope, string accountId, string id, string? name, string? phone, string? email, JsonObject? attributePatch, CancellationToken cancellationToken)
    {
        if (await ContactStore.FindAsync(scope, accountId, id, cancellationToken) is not { } current)
        {
            return new() { Missing = true };
        }
        if (phone is not null && phone != current.Phone
            && await ContactStore.FindByPhoneAsync(scope, accountId, phone, cancellationToken) is { } other)
        {
            return new() { Conflict = $"Another contact ({other.Id}) already has phone {phone}." };
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
            PhoneFormatted = PhoneNumber.Formatted(phone ?? current.Phone),
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
