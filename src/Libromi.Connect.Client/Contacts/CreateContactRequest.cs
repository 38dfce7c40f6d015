using System.Text.Json.Nodes;

namespace Libromi.Connect.Client;

/// <summary>A new contact for <see cref="ContactsClient.CreateAsync"/>.</summary>
public sealed record CreateContactRequest
{
    /// <summary>The contact's name; required, at most 200 characters.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The phone number with its country code, such as <c>+44 1234 567890</c>; spaces, dots, dashes and parentheses are
    /// ignored. Required, and unique within the account (a second contact with the same number is a 409).
    /// </summary>
    public required string Phone { get; init; }

    /// <summary>The email address. Default: none.</summary>
    public string? Email { get; init; }

    /// <summary>Free-form attributes as a JSON object. Default: none.</summary>
    public JsonObject? Attributes { get; init; }
}
