using System.Text.Json;
using Libromi.Connect.Server.Api;

namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>
/// Builds the tree of a filter already normalised by <see cref="WebhookFilter.Parse"/>, adding an error for every
/// unknown operator, malformed path and wrong operand, each named by its place (<c>filter.data.amount.$gt</c>).
/// </summary>
internal sealed class FilterParser(Validator validator)
{
    public int Conditions { get; private set; }

    public FilterNode? Object(JsonElement filter, string field)
    {
        if (filter.ValueKind != JsonValueKind.Object)
        {
            validator.Add(field, $"'{field}' must be an object of conditions such as {{\"data.contact.attributes.plan\": {{\"$in\": [\"gold\", \"pro\"]}}}}.");
            return null;
        }
        var nodes = new List<FilterNode>();
        foreach (var property in filter.EnumerateObject())
        {
            var at = $"{field}.{property.Name}";
            var node = property.Name switch
            {
                "$and" => List(property.Value, at, all => new FilterAll(all)),
                "$or" => List(property.Value, at, any => new FilterAny(any)),
                "$not" => Object(property.Value, at) is { } inner ? new FilterNot(inner, property.Value.GetRawText()) : null,
                _ => Path(property.Name, property.Value, at),
            };
            if (node is not null)
            {
                nodes.Add(node);
            }
        }
        if (nodes.Count == 0 && validator.IsValid)
        {
            validator.Add(field, $"'{field}' must hold at least one condition; to deliver every event, send \"filter\": null.");
        }
        return nodes.Count == 1 ? nodes[0] : new FilterAll(nodes);
    }

    private FilterNode? List(JsonElement items, string field, Func<IReadOnlyList<FilterNode>, FilterNode> combine)
    {
        if (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
        {
            validator.Add(field, $"'{field}' must be a non-empty array of filter objects, such as [{{\"type\": \"message.sent\"}}, {{\"data.message.content\": {{\"$contains\": \"order\"}}}}].");
            return null;
        }
        var nodes = new List<FilterNode>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (Object(item, $"{field}[{index++}]") is { } node)
            {
                nodes.Add(node);
            }
        }
        return nodes.Count == items.GetArrayLength() ? combine(nodes) : null;
    }

    private FilterNode? Path(string name, JsonElement value, string field)
    {
        if (name.StartsWith('$'))
        {
            validator.Add(field, FilterOperators.Find(name) is null
                ? $"'{name}' is not a filter operator. Next to paths go {FilterOperators.Logical}; inside a path's object go {FilterOperators.Comparisons}."
                : $"'{name}' compares a field, so it goes inside a path's object, such as {{\"data.message.content\": {{\"{name}\": …}}}}.");
            return null;
        }
        if (FilterPath.Parse(name) is not { } path)
        {
            validator.Add(field, $"'{name}' is not a path: write fields in dot notation from the event's root, such as data.contact.attributes.plan, "
                + $"each segment made of letters, digits, '_' and '-' (a number indexes an array), at most {FilterPath.MaxSegments} segments and {FilterPath.MaxLength} characters.");
            return null;
        }
        if (value.ValueKind == JsonValueKind.Array)
        {
            validator.Add(field, $"'{field}' is an array, which a path cannot equal as a whole; to match any of several values use {{\"$in\": {FilterValues.Describe(value)}}}.");
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            return Condition(path, FilterOperator.Eq, value, field);
        }
        return Operators(path, value, field);
    }

    private FilterNode? Operators(FilterPath path, JsonElement operators, string field)
    {
        var nodes = new List<FilterNode>();
        var valid = true;
        foreach (var property in operators.EnumerateObject())
        {
            var at = $"{field}.{property.Name}";
            if (!property.Name.StartsWith('$'))
            {
                validator.Add(field, $"'{field}' is an object, which a path cannot equal as a whole; name the field inside it by path ({path}.{property.Name}) or use operators such as {{\"$eq\": …}}.");
                return null;
            }
            if (FilterOperators.Find(property.Name) is not { } op)
            {
                validator.Add(at, $"'{property.Name}' is not a comparison operator; use one of {FilterOperators.Comparisons} (and put $not around conditions: {{\"$not\": {{\"{path}\": …}}}}).");
                valid = false;
            }
            else if (Condition(path, op, property.Value, at) is { } node)
            {
                nodes.Add(node);
            }
            else
            {
                valid = false;
            }
        }
        if (nodes.Count == 0 && valid)
        {
            validator.Add(field, $"'{field}' has no operator; use one of {FilterOperators.Comparisons}, such as {{\"$exists\": true}}.");
        }
        return !valid || nodes.Count == 0 ? null : nodes.Count == 1 ? nodes[0] : new FilterAll(nodes);
    }

    private FilterCondition? Condition(FilterPath path, FilterOperator op, JsonElement operand, string field)
    {
        Conditions++;
        var fits = op switch
        {
            FilterOperator.Eq or FilterOperator.Ne or FilterOperator.Contains => FilterValues.IsScalar(operand),
            FilterOperator.In or FilterOperator.Nin => operand.ValueKind == JsonValueKind.Array && operand.GetArrayLength() > 0
                && operand.EnumerateArray().All(FilterValues.IsScalar),
            FilterOperator.Gt or FilterOperator.Gte or FilterOperator.Lt or FilterOperator.Lte => operand.ValueKind is JsonValueKind.Number or JsonValueKind.String,
            FilterOperator.Exists => operand.ValueKind is JsonValueKind.True or JsonValueKind.False,
            _ => operand.ValueKind == JsonValueKind.String,
        };
        if (!fits)
        {
            validator.Add(field, $"'{FilterOperators.Name(op)}' needs {FilterOperators.Operand(op)}; {FilterValues.Describe(operand)} is not.");
            return null;
        }
        return new FilterCondition(path, op, operand);
    }
}
