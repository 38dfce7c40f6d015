using System.Text.Json;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Webhooks.Filters;

namespace Libromi.Connect.Server.Tests.Webhooks.Filters;

/// <summary>The evaluator alone, on an envelope shaped like the ones fan-out sees: every operator, missing paths and kinds that differ.</summary>
public sealed class WebhookFilterTests
{
    private static readonly JsonElement Event = JsonElement.Parse("""
        {"id":"evt_1","type":"message.sent","created_at":"2026-03-01T12:00:00.000Z","data":{
          "contact":{"id":"con_1","name":"Ada","attributes":{"plan":"gold","seats":12,"vip":true,"tags":["beta","eu"],"note":null}},
          "message":{"id":"msg_1","content":"Your order 42 has shipped","price":"9.50"}}}
        """);

    [Theory]
    [InlineData("""{"data.contact.attributes.plan":"gold"}""", true)]
    [InlineData("""{"data.contact.attributes.plan":"Gold"}""", false)]
    [InlineData("""{"data.contact.attributes.seats":12.0}""", true)]
    [InlineData("""{"data.contact.attributes.seats":"12"}""", false)]
    [InlineData("""{"data.contact.attributes.vip":true}""", true)]
    [InlineData("""{"data.contact.attributes.note":null}""", true)]
    [InlineData("""{"data.contact.attributes.missing":null}""", false)]
    [InlineData("""{"data.contact.attributes.tags":{"$eq":"beta"}}""", false)]
    [InlineData("""{"type":{"$eq":"message.sent"}}""", true)]
    public void Eq_compares_numbers_by_value_strings_ordinally_and_never_matches_a_missing_field(string filter, bool matches) =>
        Assert.Equal(matches, Parse(filter).Matches(Event));

    [Theory]
    [InlineData("""{"data.contact.attributes.plan":{"$ne":"free"}}""", true)]
    [InlineData("""{"data.contact.attributes.plan":{"$ne":"gold"}}""", false)]
    [InlineData("""{"data.contact.attributes.missing":{"$ne":"gold"}}""", true)]
    [InlineData("""{"data.contact.attributes.seats":{"$ne":12}}""", false)]
    public void Ne_matches_a_different_value_and_a_missing_field(string filter, bool matches) =>
        Assert.Equal(matches, Parse(filter).Matches(Event));

    [Theory]
    [InlineData("""{"data.contact.attributes.plan":{"$in":["gold","pro"]}}""", true)]
    [InlineData("""{"data.contact.attributes.plan":{"$in":["free","pro"]}}""", false)]
    [InlineData("""{"data.contact.attributes.seats":{"$in":[1,12]}}""", true)]
    [InlineData("""{"data.contact.attributes.missing":{"$in":["gold"]}}""", false)]
    [InlineData("""{"data.contact.attributes.plan":{"$nin":["free","trial"]}}""", true)]
    [InlineData("""{"data.contact.attributes.plan":{"$nin":["gold"]}}""", false)]
    [InlineData("""{"data.contact.attributes.missing":{"$nin":["gold"]}}""", true)]
    public void In_and_nin_test_membership_and_only_nin_matches_a_missing_field(string filter, bool matches) =>
        Assert.Equal(matches, Parse(filter).Matches(Event));

    [Theory]
    [InlineData("""{"data.contact.attributes.seats":{"$gt":11}}""", true)]
    [InlineData("""{"data.contact.attributes.seats":{"$gt":12}}""", false)]
    [InlineData("""{"data.contact.attributes.seats":{"$gte":12}}""", true)]
    [InlineData("""{"data.contact.attributes.seats":{"$lt":12}}""", false)]
    [InlineData("""{"data.contact.attributes.seats":{"$lte":12,"$gte":10}}""", true)]
    [InlineData("""{"created_at":{"$gte":"2026-03-01T00:00:00Z","$lt":"2026-03-02"}}""", true)]
    [InlineData("""{"created_at":{"$lt":"2026-02-28"}}""", false)]
    [InlineData("""{"data.message.price":{"$gt":5}}""", false)]
    [InlineData("""{"data.message.price":{"$lt":5}}""", false)]
    [InlineData("""{"data.contact.attributes.seats":{"$lt":"99"}}""", false)]
    [InlineData("""{"data.contact.attributes.missing":{"$lt":100}}""", false)]
    public void Order_operators_compare_a_number_with_a_number_a_string_with_a_string_and_nothing_else(string filter, bool matches) =>
        Assert.Equal(matches, Parse(filter).Matches(Event));

    [Theory]
    [InlineData("""{"data.contact.attributes.plan":{"$exists":true}}""", true)]
    [InlineData("""{"data.contact.attributes.note":{"$exists":true}}""", true)]
    [InlineData("""{"data.contact.attributes.missing":{"$exists":true}}""", false)]
    [InlineData("""{"data.contact.attributes.missing":{"$exists":false}}""", true)]
    [InlineData("""{"data.contact.attributes.plan.deeper":{"$exists":false}}""", true)]
    public void Exists_tells_a_present_field_even_null_from_a_missing_one(string filter, bool matches) =>
        Assert.Equal(matches, Parse(filter).Matches(Event));

    [Theory]
    [InlineData("""{"data.message.content":{"$contains":"order"}}""", true)]
    [InlineData("""{"data.message.content":{"$contains":"Order"}}""", false)]
    [InlineData("""{"data.contact.attributes.tags":{"$contains":"eu"}}""", true)]
    [InlineData("""{"data.contact.attributes.tags":{"$contains":"e"}}""", false)]
    [InlineData("""{"data.contact.attributes.seats":{"$contains":"1"}}""", false)]
    [InlineData("""{"data.contact.attributes.missing":{"$contains":"x"}}""", false)]
    [InlineData("""{"data.message.content":{"$startsWith":"Your order"}}""", true)]
    [InlineData("""{"data.message.content":{"$startsWith":"order"}}""", false)]
    [InlineData("""{"data.contact.attributes.tags":{"$startsWith":"beta"}}""", false)]
    public void Contains_is_a_substring_of_a_string_or_a_member_of_an_array_and_startsWith_a_prefix(string filter, bool matches) =>
        Assert.Equal(matches, Parse(filter).Matches(Event));

    [Theory]
    [InlineData("""{"data.contact.attributes.tags.0":"beta"}""", true)]
    [InlineData("""{"data.contact.attributes.tags.1":"eu"}""", true)]
    [InlineData("""{"data.contact.attributes.tags.2":{"$exists":false}}""", true)]
    [InlineData("""{"data.contact.attributes.tags.01":{"$exists":false}}""", true)]
    public void A_numeric_segment_indexes_an_array(string filter, bool matches) =>
        Assert.Equal(matches, Parse(filter).Matches(Event));

    [Theory]
    [InlineData("""{"type":"message.sent","data.contact.attributes.plan":"free"}""", false)]
    [InlineData("""{"$and":[{"type":"message.sent"},{"data.contact.attributes.vip":true}]}""", true)]
    [InlineData("""{"$or":[{"data.contact.attributes.plan":"free"},{"data.contact.attributes.vip":true}]}""", true)]
    [InlineData("""{"$or":[{"data.contact.attributes.plan":"free"},{"data.contact.attributes.vip":false}]}""", false)]
    [InlineData("""{"$not":{"data.contact.attributes.plan":"gold"}}""", false)]
    [InlineData("""{"$not":{"data.contact.attributes.missing":"gold"}}""", true)]
    [InlineData("""{"$not":{"$or":[{"type":"contact.created"},{"data.message.content":{"$contains":"refund"}}]}}""", true)]
    public void Conditions_side_by_side_are_all_required_and_and_or_not_combine_filters(string filter, bool matches) =>
        Assert.Equal(matches, Parse(filter).Matches(Event));

    [Fact]
    public void Explain_names_every_failing_condition_by_its_path_and_says_what_it_found()
    {
        var filter = Parse("""{"data.contact.attributes.plan":{"$in":["free","pro"]},"data.message.content":{"$contains":"order"},"data.contact.attributes.missing":{"$gt":1},"data.message.price":{"$gte":5}}""");

        Assert.Equal(
            [
                "data.contact.attributes.plan is \"gold\", not one of [\"free\",\"pro\"]",
                "data.contact.attributes.missing is missing, not greater than 1",
                "data.message.price is \"9.50\", not at least 5 (a number compares only with a number, and a string with a string)",
            ],
            filter.Explain(Event));
        Assert.Empty(Parse("""{"type":"message.sent"}""").Explain(Event));
    }

    [Fact]
    public void Explain_of_or_and_not_gives_the_alternatives_and_what_not_excluded()
    {
        var reasons = Parse("""{"$or":[{"type":"contact.created"},{"data.contact.name":"Lin"}],"$not":{"data.contact.id":"con_1"}}""").Explain(Event);

        Assert.Equal(
            [
                "none of the alternatives of $or matches: (1) type is \"message.sent\", not \"contact.created\" (2) data.contact.name is \"Ada\", not \"Lin\"",
                "the event matches {\"data.contact.id\":\"con_1\"}, which $not excludes",
            ],
            reasons);
    }

    [Fact]
    public void The_normalised_json_is_compact_and_parses_back_to_the_same_filter()
    {
        var filter = Parse("""{ "data.contact.attributes.seats" : { "$gte" : 1.0E1 } }""");

        Assert.Equal("""{"data.contact.attributes.seats":{"$gte":10}}""", filter.Json);
        Assert.True(WebhookFilter.Read(filter.Json)!.Matches(Event));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("\"a string\"")]
    [InlineData("""{"data.x":{"$regex":"a"}}""")]
    public void A_stored_filter_that_is_not_a_valid_filter_reads_as_damaged(string stored) =>
        Assert.Null(WebhookFilter.Read(stored));

    private static WebhookFilter Parse(string json)
    {
        var validator = new Validator();
        var filter = WebhookFilter.Parse(JsonElement.Parse(json), validator);
        Assert.Null(validator.Errors());
        return filter!;
    }
}
