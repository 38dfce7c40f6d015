using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Contacts.Erasure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Libromi.Connect.Server.Contacts;

/// <summary><c>/api/v1/contacts</c>: create, read, list, update and erase contacts; <c>/api/v1/erasures</c>: the erasure audit.</summary>
public static class ContactsApi
{
    public static RouteGroupBuilder MapContactsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/contacts").WithTags("Contacts");
        group.MapPost("/", Create).Idempotent<CreateContactRequest>();
        group.MapGet("/{id}", Get);
        group.MapGet("/", List);
        group.MapPatch("/{id}", Update);
        group.MapPost("/{id}/erase", Erase).Idempotent();
        var erasures = api.MapGroup("/erasures").WithTags("Erasures");
        erasures.MapGet("/", ListErasures);
        erasures.MapGet("/{id}", GetErasure);
        return api;
    }

    private static async Task<Results<Created<Contact>, ValidationFailed, ConflictProblem>> Create(CreateContactRequest request, [AsParameters] ContactServices s)
    {
        if (ContactValidation.Create(request, s.Caller.DefaultRegion, out var valid) is { } errors)
        {
            return new ValidationFailed(errors);
        }
        var outcome = await s.Contacts.CreateAsync(Idempotency.Scope(s.Http), s.Caller.AccountId, valid, s.CancellationToken);
        return outcome.Conflict is { } conflict ? new ConflictProblem(conflict) : TypedResults.Created(default(string), outcome.Value);
    }

    private static async Task<Results<Ok<Contact>, NotFoundProblem>> Get(string id, [AsParameters] ContactServices s) =>
        await s.Contacts.FindAsync(s.Caller.AccountId, id, s.CancellationToken) is { } contact ? TypedResults.Ok(contact) : new NotFoundProblem("contact", id);

    private static async Task<Results<Ok<Page<Contact>>, ValidationFailed>> List(string? limit, string? cursor, [AsParameters] ContactServices s) =>
        PageRequest.Parse(limit, cursor, "con", out var page) is { } errors
            ? new ValidationFailed(errors)
            : TypedResults.Ok(await s.Contacts.ListAsync(s.Caller.AccountId, page, s.CancellationToken));

    private static async Task<Results<Ok<Contact>, ValidationFailed, NotFoundProblem, ConflictProblem>> Update(string id, UpdateContactRequest request, [AsParameters] ContactServices s)
    {
        if (ContactValidation.Update(request, s.Caller.DefaultRegion, out var valid) is { } errors)
        {
            return new ValidationFailed(errors);
        }
        var outcome = await s.Contacts.UpdateAsync(s.Caller.AccountId, id, valid, s.CancellationToken);
        return outcome switch
        {
            { Conflict: { } conflict } => new ConflictProblem(conflict),
            { Missing: true } => new NotFoundProblem("contact", id),
            _ => TypedResults.Ok(outcome.Value),
        };
    }

    private static async Task<Results<Ok<ContactErasure>, NotFoundProblem>> Erase(string id, [AsParameters] ContactServices s)
    {
        var outcome = await s.Contacts.EraseAsync(Idempotency.Scope(s.Http), s.Caller.AccountId, id, s.CancellationToken);
        return outcome.Missing ? new NotFoundProblem("contact", id) : TypedResults.Ok(outcome.Value);
    }

    private static async Task<Results<Ok<ContactErasure>, NotFoundProblem>> GetErasure(string id, [AsParameters] ContactServices s) =>
        await s.Contacts.FindErasureAsync(s.Caller.AccountId, id, s.CancellationToken) is { } erasure ? TypedResults.Ok(erasure) : new NotFoundProblem("erasure", id);

    private static async Task<Results<Ok<Page<ContactErasure>>, ValidationFailed>> ListErasures(string? limit, string? cursor, [AsParameters] ContactServices s) =>
        PageRequest.Parse(limit, cursor, ErasureStore.Prefix, out var page) is { } errors
            ? new ValidationFailed(errors)
            : TypedResults.Ok(await s.Contacts.ListErasuresAsync(s.Caller.AccountId, page, s.CancellationToken));
}
