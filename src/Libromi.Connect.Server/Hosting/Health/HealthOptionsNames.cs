namespace Libromi.Connect.Server.Hosting.Health;

/// <summary>The configuration keys of <see cref="HealthOptions"/>, as messages name them.</summary>
internal static class HealthOptionsNames
{
    public const string Section = "Health";
    public const string StoreTimeout = "Health:StoreTimeout";
    public const string DispatcherStaleAfter = "Health:DispatcherStaleAfter";
}
