using System.Collections.Concurrent;

namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>
/// The filters the fan-out has read, by their stored text, so each event does not parse every candidate's filter again.
/// A filter tree is immutable, so one is shared by every writer; keyed by the text, an edited filter is a new entry and
/// can never be confused with the old one. Bounded: past <see cref="Capacity"/> entries it starts over.
/// </summary>
public static class ParsedFilters
{
    public const int Capacity = 4096;

    private static readonly ConcurrentDictionary<string, WebhookFilter?> Filters = new(StringComparer.Ordinal);

    /// <summary>The filter stored as <paramref name="stored"/>, or null when that text is no valid filter (damaged).</summary>
    public static WebhookFilter? Read(string stored)
    {
        if (Filters.TryGetValue(stored, out var filter))
        {
            return filter;
        }
        if (Filters.Count >= Capacity)
        {
            Filters.Clear();
        }
        return Filters.GetOrAdd(stored, WebhookFilter.Read);
    }
}
