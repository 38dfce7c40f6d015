namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>The operators' names in a filter, and what each needs as its operand.</summary>
public static class FilterOperators
{
    private static readonly Dictionary<string, FilterOperator> ByName = new(StringComparer.Ordinal)
    {
        ["$eq"] = FilterOperator.Eq,
        ["$ne"] = FilterOperator.Ne,
        ["$in"] = FilterOperator.In,
        ["$nin"] = FilterOperator.Nin,
        ["$gt"] = FilterOperator.Gt,
        ["$gte"] = FilterOperator.Gte,
        ["$lt"] = FilterOperator.Lt,
        ["$lte"] = FilterOperator.Lte,
        ["$exists"] = FilterOperator.Exists,
        ["$contains"] = FilterOperator.Contains,
        ["$startsWith"] = FilterOperator.StartsWith,
    };

    public const string Logical = "$and, $or, $not";

    public static string Comparisons { get; } = string.Join(", ", ByName.Keys);

    public static FilterOperator? Find(string name) => ByName.TryGetValue(name, out var op) ? op : null;

    public static string Name(FilterOperator op) => ByName.First(p => p.Value == op).Key;

    /// <summary>What the operand must be, as the 422 says it; null for no restriction beyond the operator's shape.</summary>
    public static string Operand(FilterOperator op) => op switch
    {
        FilterOperator.Eq or FilterOperator.Ne => "a string, number, boolean or null (to test a field inside an object or array, name it by path, such as data.items.0)",
        FilterOperator.In or FilterOperator.Nin => "a non-empty array of strings, numbers, booleans or nulls, such as [\"gold\",\"pro\"]",
        FilterOperator.Gt or FilterOperator.Gte or FilterOperator.Lt or FilterOperator.Lte => "a number, or a string (compared ordinally, such as an ISO-8601 time)",
        FilterOperator.Exists => "true (the field is present) or false (it is absent)",
        FilterOperator.Contains => "a string (a substring of a string field) or a string, number, boolean or null (a member of an array field)",
        _ => "a string",
    };
}
