namespace Libromi.Connect.Server.Tests.Delivery.Hostile;

public sealed class SqliteHostileReceiverTests : HostileReceiverTests
{
    protected override Task<Dictionary<string, string?>?> StoreSettingsAsync() => Task.FromResult<Dictionary<string, string?>?>([]);
}
