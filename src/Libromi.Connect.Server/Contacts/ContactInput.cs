using System.Text.Json.Nodes;

namespace Libromi.Connect.Server.Contacts;

/// <summary>
/// A contact's fields as <see cref="ContactValidation"/> leaves them: trimmed, the phone normalised, the attributes in
/// canonical form. In an update a null field stays as it is.
/// </summary>
public sealed record ContactInput(string? Name, string? Phone, string? Email, JsonObject? Attributes);
