namespace Libromi.Connect.Client.Http;

/// <summary>One page of a list as the API answers it; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record PageResponse<T>(IReadOnlyList<T> Data, string? NextCursor);
