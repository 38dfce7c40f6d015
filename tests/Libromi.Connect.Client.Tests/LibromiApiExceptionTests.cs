using Libromi.Connect.Client.Tests.Support;

namespace Libromi.Connect.Client.Tests;

public sealed class LibromiApiExceptionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_wrong_api_key_is_a_401_that_says_how_to_fix_it()
    {
        var client = new LibromiClient(new LibromiClientOptions { ApiKey = "lbr_not_a_key", BaseUrl = fixture.Server.BaseAddress });

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Contacts.GetAsync("con_any"));

        Assert.Equal((401, "Unauthorized"), (error.Status, error.Title));
        Assert.Contains("API key is not valid", error.Detail, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Empty(error.Errors);
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_naming_the_id()
    {
        var client = await fixture.NewClientAsync();

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Webhooks.GetAsync("whk_missing"));

        Assert.Equal((404, "Not found"), (error.Status, error.Title));
        Assert.Equal("No webhook with id 'whk_missing' exists in this account.", error.Detail);
        Assert.Equal("404 Not found: No webhook with id 'whk_missing' exists in this account.", error.Message);
    }

    [Fact]
    public async Task Another_accounts_contact_is_a_404_and_not_readable()
    {
        var owner = await fixture.NewClientAsync();
        var stranger = await fixture.NewClientAsync();
        var contact = await owner.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+441234567890" });

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => stranger.Contacts.GetAsync(contact.Id));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Every_invalid_field_is_named_at_once()
    {
        var client = await fixture.NewClientAsync();

        var error = await Assert.ThrowsAsync<LibromiApiException>(
            () => client.Contacts.CreateAsync(new() { Name = " ", Phone = "12", Email = "not-an-email" }));

        Assert.Equal(422, error.Status);
        Assert.Equal(["email", "name", "phone"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("must be in international format", Assert.Single(error.Errors["phone"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_phone_is_a_409_that_is_not_transient()
    {
        var client = await fixture.NewClientAsync();
        var first = await client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+441234567890" });

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Contacts.CreateAsync(new() { Name = "Ada again", Phone = "+44 1234 567890" }));

        Assert.Equal((409, false), (error.Status, error.IsTransient));
        Assert.Contains(first.Id, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_without_an_api_key_cannot_be_created()
    {
        var error = Assert.Throws<ArgumentException>(() => new LibromiClient(new LibromiClientOptions { ApiKey = "", BaseUrl = fixture.Server.BaseAddress }));

        Assert.Contains("LIBROMI_API_KEY", error.Message, StringComparison.Ordinal);
    }
}
