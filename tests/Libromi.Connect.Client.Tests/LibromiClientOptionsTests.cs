using Libromi.Connect.Client.Tests.Support;

namespace Libromi.Connect.Client.Tests;

/// <summary>Changes process environment variables, so it runs alone.</summary>
[CollectionDefinition(nameof(LibromiClientOptionsTests), DisableParallelization = true)]
[Collection(nameof(LibromiClientOptionsTests))]
public sealed class LibromiClientOptionsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_client_created_without_options_takes_its_key_and_url_from_the_environment()
    {
        var options = await fixture.NewAccountAsync();
        using var key = new EnvironmentVariable("LIBROMI_API_KEY", options.ApiKey);
        using var url = new EnvironmentVariable("LIBROMI_API_URL", fixture.Server.BaseAddress.ToString());

        var client = new LibromiClient();

        Assert.Empty(await client.Chatbots.ListAsync().ToListAsync());
    }

    [Fact]
    public void Without_environment_variables_the_url_is_localhost_5080_and_two_retries()
    {
        using var key = new EnvironmentVariable("LIBROMI_API_KEY", null);
        using var url = new EnvironmentVariable("LIBROMI_API_URL", null);

        var options = new LibromiClientOptions();

        Assert.Equal(new Uri("http://localhost:5080"), options.BaseUrl);
        Assert.Null(options.ApiKey);
        Assert.Equal(2, options.MaxRetries);
    }

    [Fact]
    public async Task A_base_url_with_a_path_keeps_the_path()
    {
        var options = await fixture.NewAccountAsync();
        await using var front = await FlakyFront.StartAsync(fixture.Server.BaseAddress);
        options.BaseUrl = new Uri(front.Url, "/prefix");

        await Assert.ThrowsAsync<LibromiApiException>(() => new LibromiClient(options).Contacts.GetAsync("con_x"));

        Assert.Equal("/prefix/api/v1/contacts/con_x", Assert.Single(front.Seen).Path);
    }
}
