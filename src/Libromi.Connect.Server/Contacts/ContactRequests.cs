using System.Text.Json;

namespace Libromi.Connect.Server.Contacts;

/// <summary>Body of <c>POST /api/v1/contacts</c>.</summary>
public sealed record CreateContactRequest(string? Name, string? Phone, string? Email, JsonElement? Attributes);

/// <summary>
/// Body of <c>PATCH /api/v1/contacts/{id}</c>: absent fields stay as they are; <c>email: ""</c> removes the email;
/// <c>attributes</c> is merged key by key, and a key set to null is removed.
/// </summary>
public sealed record UpdateContactRequest(string? Name, string? Phone, string? Email, JsonElement? Attributes);
