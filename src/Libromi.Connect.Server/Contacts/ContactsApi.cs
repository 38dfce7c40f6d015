using System.Net.Mail;
using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Contacts;

/// <summary><c>/api/v1/contacts</c>: create, read, list and update contacts.</summary>
public static class ContactsApi
{
    public static RouteGroupBuilder MapContactsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/contacts").WithTags("Contacts");
        group.MapPost("/", Create).Produces<Contact>(StatusCodes.Status201Created);
        group.MapGet("/{id}", Get);
        group.MapGet("/", List);
        group.MapPatch("/{id}", Update);
        return api;
    }

    private static Task<IResult> Create(CreateContactRequest request, Caller caller, HttpContext http, Idempotency idempotency, ContactService contacts)
    {
        var validator = new Validator();
        var name = validator.Text("name", request.Name, required: true, ContactService.MaxNameLength);
        var phone = PhoneNumber.Validate(validator, "phone", request.Phone);
        var email = Email(validator, request.Email);
        var attributes = validator.Attributes("attributes", request.Attributes);
        validator.ThrowIfInvalid();
        return idempotency.RunAsync(http, caller, request, StatusCodes.Status201Created,
            async (scope, ct) => await contacts.CreateAsync(scope, caller.AccountId, name!, phone!, email is "" ? null : email, attributes, ct));
    }

    private static async Task<Contact> Get(string id, Caller caller, Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ContactStore.FindAsync(connection, null, caller.AccountId, id, cancellationToken) ?? throw ApiException.NotFound("contact", id);
    }

    private static async Task<Page<Contact>> List(Caller caller, Database database, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.Parse(limit, cursor, "con");
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ContactStore.ListAsync(connection, caller.AccountId, page, cancellationToken);
    }

    private static async Task<Contact> Update(string id, UpdateContactRequest request, Caller caller, Database database, ContactService contacts, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var name = validator.Text("name", request.Name, required: false, ContactService.MaxNameLength);
        if (name is { Length: 0 })
        {
            validator.Add("name", "'name' must not be empty; leave it out to keep the current name.");
        }
        var phone = request.Phone is null ? null : PhoneNumber.Validate(validator, "phone", request.Phone);
        var email = Email(validator, request.Email);
        var attributes = validator.Attributes("attributes", request.Attributes);
        validator.ThrowIfInvalid();
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        var contact = await contacts.UpdateAsync(scope, caller.AccountId, id, name, phone, email, attributes, cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return contact;
    }

    /// <summary>Returns the trimmed email, "" for "remove the email", or null when absent.</summary>
    private static string? Email(Validator validator, string? input)
    {
        var email = validator.Text("email", input, required: false, ContactService.MaxEmailLength);
        if (email is { Length: > 0 } && (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !parsed.Host.Contains('.', StringComparison.Ordinal)))
        {
            validator.Add("email", $"'email' must be an address such as ada@example.com; '{email}' is not.");
        }
        return email;
    }
}
