using System.Globalization;
using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Libromi.Connect.Testing.Postgres;

namespace Libromi.Connect.Server.Tests.Storage.Postgres;

/// <summary>Two nodes on one PostgreSQL database receiving the first messages of the same new numbers at the same time.</summary>
public sealed class FirstMessageRaceTests : IAsyncLifetime
{
    private const int Phones = 60;
    private readonly PostgresStore _store = new();
    private Dictionary<string, string?>? _settings;

    public async Task InitializeAsync() => _settings = await _store.CreateSettingsAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [SkippableFact]
    public async Task First_messages_from_one_new_number_on_two_nodes_at_once_are_both_stored_on_one_contact_created_once()
    {
        await using var first = await TestServer.StartAsync(Settings());
        await using var second = await TestServer.StartAsync(Settings());
        var key = await first.CreateAccountAsync();
        using var one = first.CreateClient(key);
        using var other = second.CreateClient(key);

        // One number at a time, its two messages sent together to the two nodes: more numbers in flight would let the
        // nodes' groups wait on each other's new contacts, a deadlock PostgreSQL resolves as a store fault (503, retry).
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Phones; i++)
        {
            var phone = "+3165" + i.ToString("D7", CultureInfo.InvariantCulture);
            var answers = await Task.WhenAll(
                one.SendJsonAsync(HttpMethod.Post, "inbound/messages", new { from = phone, content = "Hi from node one" }),
                other.SendJsonAsync(HttpMethod.Post, "inbound/messages", new { from = phone, content = "Hi from node two" }));
            statuses.AddRange(answers.Select(a => a.Status));
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Created, status));
        var contacts = await one.AllAsync("contacts");
        Assert.Equal(Phones, contacts.Count);
        var messages = await one.AllAsync("messages");
        Assert.Equal(2 * Phones, messages.Count);
        Assert.All(messages.GroupBy(m => m.Str("contact_id")), perContact => Assert.Equal(2, perContact.Count()));
        var created = await one.AllAsync("events?type=contact.created");
        Assert.Equal(contacts.Select(c => c.Str("id")).Order(StringComparer.Ordinal),
            created.Select(e => e.GetProperty("data").GetProperty("contact").Str("id")).Order(StringComparer.Ordinal));
    }

    private Dictionary<string, string?> Settings() => new(_settings ?? throw new SkipException(PostgresServer.HowToEnable));
}
