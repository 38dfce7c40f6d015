using Libromi.Connect.Client.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Libromi.Connect.Client.Tests.DependencyInjection;

public sealed class AddLibromiConnectTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_registered_client_calls_the_configured_server_through_the_http_client_factory()
    {
        var options = await fixture.NewAccountAsync();
        var counter = new CountingHandler();
        var services = new ServiceCollection();
        services.AddLibromiConnect(o =>
        {
            o.ApiKey = options.ApiKey;
            o.BaseUrl = options.BaseUrl;
        }).ConfigurePrimaryHttpMessageHandler(() => counter);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<LibromiClient>();
        var contact = await client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+441234567890" });

        AssertJson.Same(contact, await new LibromiClient(options).Contacts.GetAsync(contact.Id));
        Assert.Equal(1, counter.Count);
    }

    [Fact]
    public async Task The_options_are_bound_through_the_options_system()
    {
        var options = await fixture.NewAccountAsync();
        var services = new ServiceCollection();
        services.AddLibromiConnect();
        services.Configure<LibromiClientOptions>(o =>
        {
            o.ApiKey = options.ApiKey;
            o.BaseUrl = options.BaseUrl;
        });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<LibromiClient>();

        Assert.Empty(await client.Webhooks.ListAsync().ToListAsync());
    }
}
