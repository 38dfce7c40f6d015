using Libromi.Connect.Client.Tests.Support;

namespace Libromi.Connect.Client.Tests.Chatbots;

public sealed class ChatbotsClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_chatbot_is_created_with_defaults_read_listed_updated_and_deleted()
    {
        var client = await fixture.NewClientAsync();

        var created = await client.Chatbots.CreateAsync(new() { Name = "Hours", Keywords = ["hours", "open"], Reply = "9 to 5." });
        Assert.Equal(("contains", true), (created.Match, created.Enabled));
        AssertJson.Same(created, await client.Chatbots.GetAsync(created.Id));
        Assert.Equal([created.Id], await client.Chatbots.ListAsync().Select(c => c.Id).ToListAsync());

        var updated = await client.Chatbots.UpdateAsync(created.Id, new() { Match = "exact", Enabled = false });
        Assert.Equal(("exact", false, "Hours", "9 to 5."), (updated.Match, updated.Enabled, updated.Name, updated.Reply));
        Assert.Equal(["hours", "open"], updated.Keywords);

        await client.Chatbots.DeleteAsync(created.Id);
        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Chatbots.GetAsync(created.Id));
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Deleting_an_unknown_chatbot_is_a_404()
    {
        var client = await fixture.NewClientAsync();

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Chatbots.DeleteAsync("cbt_missing"));

        Assert.Equal(404, error.Status);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task A_blank_keyword_is_named_by_its_index()
    {
        var client = await fixture.NewClientAsync();

        var error = await Assert.ThrowsAsync<LibromiApiException>(
            () => client.Chatbots.CreateAsync(new() { Name = "Hours", Keywords = ["hours", ""], Reply = "9 to 5." }));

        Assert.Equal(422, error.Status);
        Assert.Equal(["keywords[1]"], error.Errors.Keys);
    }
}
