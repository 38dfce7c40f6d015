using System.Text.Json;

namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary><c>$or</c>: matches when at least one of its nodes matches.</summary>
public sealed class FilterAny(IReadOnlyList<FilterNode> nodes) : FilterNode
{
    public IReadOnlyList<FilterNode> Nodes { get; } = nodes;

    public override bool Evaluate(JsonElement envelope, List<string>? reasons)
    {
        if (reasons is null)
        {
            return Nodes.Any(n => n.Evaluate(envelope, null));
        }
        var failures = new List<string>();
        foreach (var node in Nodes)
        {
            var alternative = new List<string>();
            if (node.Evaluate(envelope, alternative))
            {
                return true;
            }
            failures.Add($"({failures.Count + 1}) {string.Join("; ", alternative)}");
        }
        reasons.Add($"none of the alternatives of $or matches: {string.Join(" ", failures)}");
        return false;
    }
}
