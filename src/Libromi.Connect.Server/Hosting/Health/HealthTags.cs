namespace Libromi.Connect.Server.Hosting.Health;

/// <summary>The tags that put a health check in a probe: <c>/healthz/ready</c> runs the checks tagged <see cref="Ready"/>.</summary>
public static class HealthTags
{
    public const string Ready = "ready";

    /// <summary>The check names, as the health body and docs/operations.md name them.</summary>
    public const string Store = "store";

    public const string Dispatcher = "dispatcher";
}
