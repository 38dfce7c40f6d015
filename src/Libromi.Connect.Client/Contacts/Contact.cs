using System.Text.Json;

namespace Libromi.Connect.Client;

/// <summary>A person the account exchanges messages with, identified by a unique phone number.</summary>
public sealed record Contact
{
    /// <summary>The contact's id, starting with <c>con_</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The contact's name.</summary>
    public required string Name { get; init; }

    /// <summary>The phone number in international form, digits only after a <c>+</c>, such as <c>+441234567890</c>.</summary>
    public required string Phone { get; init; }

    /// <summary>The email address, or null when none is known.</summary>
    public string? Email { get; init; }

    /// <summary>Free-form attributes: a JSON object, empty when none were set.</summary>
    public JsonElement Attributes { get; init; }

    /// <summary>When the contact was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the contact last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
