namespace Libromi.Connect.Server.Tests.Events.Operational;

public sealed class SqliteOperationalEventsTests : OperationalEventsTests
{
    protected override Task<Dictionary<string, string?>?> StoreSettingsAsync() => Task.FromResult<Dictionary<string, string?>?>([]);
}
