namespace Libromi.Connect.Server.Api;

/// <summary>One page of a list: <c>{"data": [...], "next_cursor": "..."}</c>; <c>next_cursor</c> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Data, string? NextCursor);
