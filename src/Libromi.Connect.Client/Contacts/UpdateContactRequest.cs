using System.Text.Json.Nodes;

namespace Libromi.Connect.Client;

/// <summary>Changes for <see cref="ContactsClient.UpdateAsync"/>; every property left null keeps its current value.</summary>
public sealed record UpdateContactRequest
{
    /// <summary>A new name. Default: unchanged.</summary>
    public string? Name { get; init; }

    /// <summary>A new phone number, not used by another contact. Default: unchanged.</summary>
    public string? Phone { get; init; }

    /// <summary>A new email address; an empty string removes the email. Default: unchanged.</summary>
    public string? Email { get; init; }

    /// <summary>
    /// Attributes merged into the current ones key by key; a key set to JSON null is removed. Default: unchanged.
    /// </summary>
    public JsonObject? Attributes { get; init; }
}
