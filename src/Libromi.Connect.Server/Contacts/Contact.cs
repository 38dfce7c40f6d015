using System.Text.Json;

namespace Libromi.Connect.Server.Contacts;

/// <summary>A person the business talks to. <see cref="Attributes"/> is the user's own JSON object, kept in canonical form.</summary>
public sealed record Contact(
    string Id,
    string Name,
    string Phone,
    string? Email,
    JsonElement Attributes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
