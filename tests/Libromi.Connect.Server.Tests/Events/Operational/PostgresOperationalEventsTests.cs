using Libromi.Connect.Testing.Postgres;

namespace Libromi.Connect.Server.Tests.Events.Operational;

public sealed class PostgresOperationalEventsTests : OperationalEventsTests
{
    private readonly PostgresStore _store = new();

    protected override string SkipReason => PostgresServer.HowToEnable;

    protected override Task<Dictionary<string, string?>?> StoreSettingsAsync() => _store.CreateSettingsAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _store.DisposeAsync();
    }
}
