namespace Libromi.Connect.Server.Hosting;

/// <summary>What this node does, read from <c>Node:Roles</c>: <c>api</c>, <c>worker</c> or <c>api,worker</c> (the default).</summary>
public sealed class NodeOptions(NodeRoles roles)
{
    public NodeRoles Roles { get; } = roles;

    public bool ServesApi => Roles.HasFlag(NodeRoles.Api);

    public bool Delivers => Roles.HasFlag(NodeRoles.Worker);

    public static NodeOptions Read(IConfiguration configuration)
    {
        var text = configuration["Node:Roles"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new NodeOptions(NodeRoles.Api | NodeRoles.Worker);
        }
        NodeRoles roles = 0;
        foreach (var name in text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            roles |= name.ToLowerInvariant() switch
            {
                "api" => NodeRoles.Api,
                "worker" => NodeRoles.Worker,
                _ => throw new InvalidOperationException($"Node:Roles contains '{name}'. Use 'api', 'worker' or 'api,worker'."),
            };
        }
        return new NodeOptions(roles);
    }
}
