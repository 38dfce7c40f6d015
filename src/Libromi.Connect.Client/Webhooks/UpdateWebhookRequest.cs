namespace Libromi.Connect.Client;

/// <summary>Changes for <see cref="WebhooksClient.UpdateAsync"/>; every property left null keeps its current value.</summary>
public sealed record UpdateWebhookRequest
{
    /// <summary>A new URL. Default: unchanged.</summary>
    public string? Url { get; init; }

    /// <summary>New event types, replacing the current ones. Default: unchanged.</summary>
    public IReadOnlyList<string>? Events { get; init; }

    /// <summary>A new note; an empty string removes it. Default: unchanged.</summary>
    public string? Description { get; init; }

    /// <summary>False stops delivery; true resumes it, also for a webhook the server disabled. Default: unchanged.</summary>
    public bool? Enabled { get; init; }
}
