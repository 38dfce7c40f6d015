namespace Libromi.Connect.Server.Hosting;

/// <summary>What one server node does. Configured as <c>Node:Roles</c>: <c>api</c>, <c>worker</c> or <c>api,worker</c> (the default).</summary>
[Flags]
public enum NodeRoles
{
    /// <summary>Serves <c>/api/v1</c>: stores changes and their events.</summary>
    Api = 1,

    /// <summary>Delivers webhooks: leases due deliveries and sends them.</summary>
    Worker = 2,
}
