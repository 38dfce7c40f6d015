using System.Text.Json;

namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>Matches when every one of its nodes matches: <c>$and</c>, and the conditions side by side in one object.</summary>
public sealed class FilterAll(IReadOnlyList<FilterNode> nodes) : FilterNode
{
    public IReadOnlyList<FilterNode> Nodes { get; } = nodes;

    public override bool Evaluate(JsonElement envelope, List<string>? reasons)
    {
        var matches = true;
        foreach (var node in Nodes)
        {
            if (!node.Evaluate(envelope, reasons))
            {
                matches = false;
                if (reasons is null)
                {
                    return false;
                }
            }
        }
        return matches;
    }
}
