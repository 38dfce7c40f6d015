using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Storage.Postgres;
using Libromi.Connect.Testing;
using Libromi.Connect.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Libromi.Connect.Server.Tests.Storage;

public sealed class StorageProvidersTests
{
    [Fact]
    public void A_provider_is_found_by_its_name_in_any_case()
    {
        Assert.Equal("postgres", StorageProviders.Find("PostgreS").Name);
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_every_supported_one()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageProviders.Find("mysql"));

        Assert.Equal("Storage:Provider 'mysql' is not supported. Use 'sqlite' or 'postgres'.", error.Message);
    }

    [SkippableFact]
    public async Task A_delivering_node_listens_for_other_nodes_on_postgres_and_not_on_sqlite()
    {
        await using var sqlite = await TestServer.StartAsync();
        await using var store = new PostgresStore();
        var settings = await store.CreateSettingsAsync();
        Skip.If(settings is null, PostgresServer.HowToEnable);
        await using var postgres = await TestServer.StartAsync(settings);

        Assert.DoesNotContain(sqlite.Services.GetServices<IHostedService>(), s => s is PostgresWakeListener);
        Assert.Contains(postgres.Services.GetServices<IHostedService>(), s => s is PostgresWakeListener);
    }
}
