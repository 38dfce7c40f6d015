using System.Text.Json;

namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>
/// One operator on one path. A missing path matches <c>$ne</c>, <c>$nin</c> and <c>$exists: false</c> only; an order
/// operator on a value of another kind than its operand (a string against a number) never matches.
/// </summary>
public sealed class FilterCondition(FilterPath path, FilterOperator op, JsonElement operand) : FilterNode
{
    public FilterPath Path { get; } = path;

    public FilterOperator Operator { get; } = op;

    public JsonElement Operand { get; } = operand;

    public override bool Evaluate(JsonElement envelope, List<string>? reasons)
    {
        var found = Path.TryResolve(envelope, out var value);
        if (Matches(found, value))
        {
            return true;
        }
        reasons?.Add(Explain(found, value));
        return false;
    }

    private bool Matches(bool found, JsonElement value) => Operator switch
    {
        FilterOperator.Exists => found == Operand.GetBoolean(),
        FilterOperator.Ne => !found || !FilterValues.Equal(value, Operand),
        FilterOperator.Nin => !found || !Operand.EnumerateArray().Any(o => FilterValues.Equal(value, o)),
        _ when !found => false,
        FilterOperator.Eq => FilterValues.Equal(value, Operand),
        FilterOperator.In => Operand.EnumerateArray().Any(o => FilterValues.Equal(value, o)),
        FilterOperator.Gt => FilterValues.Compare(value, Operand) > 0,
        FilterOperator.Gte => FilterValues.Compare(value, Operand) >= 0,
        FilterOperator.Lt => FilterValues.Compare(value, Operand) < 0,
        FilterOperator.Lte => FilterValues.Compare(value, Operand) <= 0,
        FilterOperator.Contains => FilterValues.Contains(value, Operand),
        _ => FilterValues.StartsWith(value, Operand),
    };

    private string Explain(bool found, JsonElement value)
    {
        var operand = FilterValues.Describe(Operand);
        var wanted = Operator switch
        {
            FilterOperator.Eq => operand,
            FilterOperator.Ne => $"other than {operand}",
            FilterOperator.In => $"one of {operand}",
            FilterOperator.Nin => $"none of {operand}",
            FilterOperator.Gt => $"greater than {operand}",
            FilterOperator.Gte => $"at least {operand}",
            FilterOperator.Lt => $"less than {operand}",
            FilterOperator.Lte => $"at most {operand}",
            FilterOperator.Exists => Operand.GetBoolean() ? "present" : "absent",
            FilterOperator.Contains => $"containing {operand}",
            _ => $"starting with {operand}",
        };
        var actual = found ? FilterValues.Describe(value) : "missing";
        var kinds = found && Operator is FilterOperator.Gt or FilterOperator.Gte or FilterOperator.Lt or FilterOperator.Lte
            && FilterValues.Compare(value, Operand) is null
            ? " (a number compares only with a number, and a string with a string)"
            : "";
        return $"{Path} is {actual}, not {wanted}{kinds}";
    }
}
