using System.Text.Json;

namespace Libromi.Connect.Webhooks.Events;

/// <summary>A person the business talks to, as the API answers it and event data carries it.</summary>
/// <param name="Id">The contact id, such as <c>con_01JD7Q8T5V3K2M4N6P8R0S2T4V</c>.</param>
/// <param name="Name">The display name.</param>
/// <param name="Phone">The phone number in E.164 form, such as <c>+447700900123</c>.</param>
/// <param name="Email">The email address, or null when none is known.</param>
/// <param name="Attributes">The account's own JSON object of custom fields; an empty object when none are set.</param>
/// <param name="CreatedAt">When the contact was created (UTC).</param>
/// <param name="UpdatedAt">When the contact last changed (UTC).</param>
public sealed record Contact(
    string Id,
    string Name,
    string Phone,
    string? Email,
    JsonElement Attributes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// The phone number in international format for display, such as <c>+44 7700 900123</c>; read-only, set by the
    /// server. Absent from events written before it was added, which stay byte for byte as they were.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? PhoneFormatted { get; init; }
}
