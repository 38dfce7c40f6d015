using System.Text.Json;
using Libromi.Connect.Server.Webhooks.Filters;

namespace Libromi.Connect.Server.Tests.Webhooks.Filters;

public sealed class ParsedFiltersTests
{
    [Fact]
    public void A_stored_filter_is_parsed_once_and_its_tree_shared_by_later_events()
    {
        var stored = "{\"data.message.content\":{\"$contains\":\"order " + Guid.NewGuid().ToString("N") + "\"}}";

        var first = ParsedFilters.Read(stored);
        var second = ParsedFilters.Read(stored);

        Assert.NotNull(first);
        Assert.Same(first, second);
    }

    [Fact]
    public void An_edited_filter_is_read_from_its_new_text_and_a_damaged_one_reads_as_none()
    {
        var id = Guid.NewGuid().ToString("N");
        var before = ParsedFilters.Read("{\"data.contact.name\":\"" + id + "\"}")!;
        var after = ParsedFilters.Read("{\"data.contact.name\":\"" + id + "-renamed\"}")!;
        using var envelope = JsonDocument.Parse("{\"data\":{\"contact\":{\"name\":\"" + id + "-renamed\"}}}");

        Assert.False(before.Matches(envelope.RootElement));
        Assert.True(after.Matches(envelope.RootElement));
        Assert.Null(ParsedFilters.Read("{\"data.contact.name\":"));
    }
}
