using System.Text.Json.Nodes;
using Libromi.Connect.Client.Tests.Support;

namespace Libromi.Connect.Client.Tests.Contacts;

public sealed class ContactsClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_created_contact_reads_back_with_its_phone_normalised_and_its_attributes()
    {
        var client = await fixture.NewClientAsync();

        var created = await client.Contacts.CreateAsync(new()
        {
            Name = "Ada Lovelace",
            Phone = "+44 (1234) 567-890",
            Email = "ada@example.com",
            Attributes = new JsonObject { ["plan"] = "gold" },
        });
        var read = await client.Contacts.GetAsync(created.Id);

        Assert.StartsWith("con_", created.Id, StringComparison.Ordinal);
        Assert.Equal("+441234567890", read.Phone);
        Assert.Equal("Ada Lovelace", read.Name);
        Assert.Equal("ada@example.com", read.Email);
        Assert.Equal("gold", read.Attributes.GetProperty("plan").GetString());
        Assert.Equal(created.CreatedAt, read.CreatedAt);
    }

    [Fact]
    public async Task An_update_changes_only_the_given_fields_and_merges_attributes_key_by_key()
    {
        var client = await fixture.NewClientAsync();
        var contact = await client.Contacts.CreateAsync(new()
        {
            Name = "Grace",
            Phone = "+15550000001",
            Email = "grace@example.com",
            Attributes = new JsonObject { ["plan"] = "gold", ["team"] = "navy" },
        });

        var updated = await client.Contacts.UpdateAsync(contact.Id, new()
        {
            Name = "Grace Hopper",
            Attributes = new JsonObject { ["team"] = null, ["rank"] = "admiral" },
        });

        Assert.Equal("Grace Hopper", updated.Name);
        Assert.Equal("+15550000001", updated.Phone);
        Assert.Equal("grace@example.com", updated.Email);
        Assert.Equal("""{"plan":"gold","rank":"admiral"}""", updated.Attributes.GetRawText());
        AssertJson.Same(updated, await client.Contacts.GetAsync(contact.Id));
    }

    [Fact]
    public async Task An_empty_email_in_an_update_removes_the_email()
    {
        var client = await fixture.NewClientAsync();
        var contact = await client.Contacts.CreateAsync(new() { Name = "Alan", Phone = "+15550000002", Email = "alan@example.com" });

        var updated = await client.Contacts.UpdateAsync(contact.Id, new() { Email = "" });

        Assert.Null(updated.Email);
    }

    [Fact]
    public async Task Listing_walks_every_page_newest_first()
    {
        var client = await fixture.NewClientAsync();
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await client.Contacts.CreateAsync(new() { Name = $"Contact {i}", Phone = $"+1555000010{i}" })).Id);
        }

        var listed = await client.Contacts.ListAsync(pageSize: 3).Select(c => c.Id).ToListAsync();

        Assert.Equal(Enumerable.Reverse(ids), listed);
    }

    [Fact]
    public async Task Listing_fetches_a_page_only_when_the_enumeration_reaches_it()
    {
        var options = await fixture.NewAccountAsync();
        var seed = new LibromiClient(options);
        for (var i = 0; i < 5; i++)
        {
            await seed.Contacts.CreateAsync(new() { Name = $"Contact {i}", Phone = $"+1555000020{i}" });
        }
        var counter = new CountingHandler();
        var client = new LibromiClient(new HttpClient(counter), options);

        var contacts = client.Contacts.ListAsync(pageSize: 2);
        var beforeEnumerating = counter.Count;
        var firstTwo = await contacts.Take(2).ToListAsync();
        var forFirstTwo = counter.Count;
        var all = await contacts.ToListAsync();

        Assert.Equal((0, 1), (beforeEnumerating, forFirstTwo));
        Assert.Equal(2, firstTwo.Count);
        Assert.Equal(5, all.Count);
        Assert.Equal(1 + 3, counter.Count);
    }

    [Fact]
    public async Task A_page_size_outside_1_to_100_is_refused_where_the_list_is_asked_for()
    {
        var client = await fixture.NewClientAsync();

        Assert.Throws<ArgumentOutOfRangeException>(() => client.Contacts.ListAsync(pageSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Contacts.ListAsync(pageSize: 101));
    }

    [Fact]
    public async Task Erasing_a_contact_returns_its_audit_record_which_reads_back_and_lists_while_the_contact_is_gone()
    {
        var client = await fixture.NewClientAsync();
        var contact = await client.Contacts.CreateAsync(new() { Name = "Ada Erased", Phone = "+15550000201" });
        await client.Messages.SendAsync(new() { ContactId = contact.Id, Content = "hello" });

        var erasure = await client.Contacts.EraseAsync(contact.Id);

        Assert.StartsWith("era_", erasure.Id, StringComparison.Ordinal);
        Assert.Equal((contact.Id, 1, 2), (erasure.ContactId, erasure.Messages, erasure.Events));
        Assert.Equal(erasure, await client.Contacts.GetErasureAsync(erasure.Id));
        Assert.Equal([erasure], await client.Contacts.ListErasuresAsync().ToListAsync());
        var gone = await Assert.ThrowsAsync<LibromiApiException>(() => client.Contacts.GetAsync(contact.Id));
        Assert.Equal(404, gone.Status);
        var again = await Assert.ThrowsAsync<LibromiApiException>(() => client.Contacts.EraseAsync(contact.Id));
        Assert.Equal(404, again.Status);
    }
}
