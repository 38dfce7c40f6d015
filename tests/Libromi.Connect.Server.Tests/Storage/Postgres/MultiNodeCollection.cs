namespace Libromi.Connect.Server.Tests.Storage.Postgres;

/// <summary>
/// The tests that start several server processes run one after another, not beside each other: each starts up to three
/// servers, and together they would starve a small machine enough to stall a node (the rate-limit test measures time).
/// </summary>
[CollectionDefinition(Name)]
public sealed class MultiNodeCollection
{
    public const string Name = "Several PostgreSQL nodes";
}
