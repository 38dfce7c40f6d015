using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Serialization.Metadata;

namespace Libromi.Connect.Client.Http;

/// <summary>Walks a cursor-paginated list one page at a time, fetching the next page only when the caller gets there.</summary>
internal static class Pages
{
    public const int MaxPageSize = 100;

    public static IAsyncEnumerable<T> Walk<T>(ApiConnection api, string path, JsonTypeInfo<PageResponse<T>> pageType, int? pageSize,
        CancellationToken cancellationToken, params (string Name, string? Value)[] filters)
    {
        // Checked here, not on the first MoveNextAsync, so that a wrong size fails where the list was asked for.
        if (pageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"The page size must be from 1 to {MaxPageSize}.");
        }
        return WalkAsync(api, path, pageType, pageSize, filters, cancellationToken);
    }

    private static async IAsyncEnumerable<T> WalkAsync<T>(ApiConnection api, string path, JsonTypeInfo<PageResponse<T>> pageType, int? pageSize,
        (string Name, string? Value)[] filters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            // A caller that cancelled while reading the previous page gets no further request sent.
            cancellationToken.ThrowIfCancellationRequested();
            var page = await api.SendAsync(HttpMethod.Get, Query(path, filters, pageSize, cursor), pageType, cancellationToken);
            foreach (var item in page.Data)
            {
                yield return item;
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    private static string Query(string path, (string Name, string? Value)[] filters, int? pageSize, string? cursor)
    {
        var query = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in filters.Append(("limit", pageSize?.ToString(CultureInfo.InvariantCulture))).Append(("cursor", cursor)))
        {
            if (value is not null)
            {
                query.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
        }
        return query.ToString();
    }
}
