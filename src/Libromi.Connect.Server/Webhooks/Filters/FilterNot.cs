using System.Text.Json;

namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary><c>$not</c>: matches when its node does not. <see cref="Source"/> is the node's JSON, to explain a failure.</summary>
public sealed class FilterNot(FilterNode node, string source) : FilterNode
{
    public FilterNode Node { get; } = node;

    public string Source { get; } = source;

    public override bool Evaluate(JsonElement envelope, List<string>? reasons)
    {
        if (!Node.Evaluate(envelope, null))
        {
            return true;
        }
        reasons?.Add($"the event matches {FilterValues.Describe(Source)}, which $not excludes");
        return false;
    }
}
