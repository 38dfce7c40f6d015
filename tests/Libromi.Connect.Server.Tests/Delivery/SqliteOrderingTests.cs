namespace Libromi.Connect.Server.Tests.Delivery;

public sealed class SqliteOrderingTests : OrderingTests
{
    protected override Task<Dictionary<string, string?>?> StoreSettingsAsync() => Task.FromResult<Dictionary<string, string?>?>([]);
}
