using Libromi.Connect.Client.Tests.Support;

namespace Libromi.Connect.Client.Tests.ApiKeys;

public sealed class ApiKeysClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_key_is_created_shown_once_listed_without_its_text_and_revoked()
    {
        var options = await fixture.NewAccountAsync();
        var client = new LibromiClient(options);

        var created = await client.ApiKeys.CreateAsync(new() { Name = "Reports", Scope = "read" });
        var listed = await client.ApiKeys.ListAsync().ToListAsync();
        var reader = new LibromiClient(new LibromiClientOptions { ApiKey = created.Key!, BaseUrl = options.BaseUrl, RetryBaseDelay = options.RetryBaseDelay });
        await reader.Contacts.ListAsync().ToListAsync();
        var write = await Assert.ThrowsAsync<LibromiApiException>(() => reader.Chatbots.CreateAsync(new() { Name = "X", Keywords = ["x"], Reply = "y" }));
        await client.ApiKeys.RevokeAsync(created.Id);
        var revoked = await Assert.ThrowsAsync<LibromiApiException>(() => reader.Contacts.ListAsync().ToListAsync().AsTask());

        Assert.StartsWith("lbk_", created.Key);
        Assert.Equal((created.Key![..8], "read"), (created.Prefix, created.Scope));
        Assert.Equal([created.Id, listed[1].Id], listed.Select(k => k.Id));
        Assert.All(listed, k => Assert.Null(k.Key));
        Assert.Equal(("Default key", "full"), (listed[1].Name, listed[1].Scope));
        Assert.Equal((403, false), (write.Status, write.IsTransient));
        Assert.Equal(401, revoked.Status);
        Assert.Equal([listed[1].Id], await client.ApiKeys.ListAsync().Select(k => k.Id).ToListAsync());
    }

    [Fact]
    public async Task The_last_full_key_cannot_be_revoked()
    {
        var client = await fixture.NewClientAsync();
        var only = await client.ApiKeys.ListAsync().SingleAsync();

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.ApiKeys.RevokeAsync(only.Id));

        Assert.Equal((409, false), (error.Status, error.IsTransient));
    }
}
