using System.Text.Json;

namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>One node of a parsed filter: a condition on a path, or <c>$and</c>, <c>$or</c>, <c>$not</c> of nodes. Immutable.</summary>
public abstract class FilterNode
{
    /// <summary>
    /// Whether the event matches. With <paramref name="reasons"/>, every failing condition under this node adds why it
    /// failed, naming its path; without, evaluation stops at the first answer.
    /// </summary>
    public abstract bool Evaluate(JsonElement envelope, List<string>? reasons);
}
