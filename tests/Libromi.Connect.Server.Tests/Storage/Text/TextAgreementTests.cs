using System.Net;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Storage.Text;

/// <summary>
/// Text that one store keeps and another refuses (a NUL character) gets the same answer on every store: 422 naming the
/// field or parameter, and nothing stored. Run once per provider (one subclass each).
/// </summary>
public abstract class TextAgreementTests : IAsyncLifetime
{
    private const string Nul = "\\u0000";
    private TestServer? _server;

    /// <summary>The store settings of the provider under test; null skips with <see cref="SkipReason"/>.</summary>
    protected abstract Task<Dictionary<string, string?>?> StoreSettingsAsync();

    protected virtual string SkipReason => "";

    public async Task InitializeAsync()
    {
        if (await StoreSettingsAsync() is { } settings)
        {
            _server = await TestServer.StartAsync(settings);
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public static TheoryData<string, string, string, string> BodyFields => new()
    {
        { "POST", "contacts", $$"""{"name":"A{{Nul}}da","phone":"+15550003000"}""", "name" },
        { "POST", "contacts", $$"""{"name":"Ada","phone":"+15550003001","email":"a{{Nul}}@example.com"}""", "email" },
        { "PATCH", "contacts/{contact}", $$"""{"name":"A{{Nul}}"}""", "name" },
        { "POST", "messages", $$"""{"contact_id":"{contact}","type":"text","content":"hi{{Nul}}"}""", "content" },
        { "POST", "inbound/messages", $$"""{"from":"+15550003002","name":"Lin","content":"{{Nul}}"}""", "content" },
        { "POST", "inbound/messages", $$"""{"from":"+15550003003","name":"L{{Nul}}","content":"hello"}""", "name" },
        { "POST", "webhooks", $$"""{"url":"https://example.com/hook","events":["*"],"description":"d{{Nul}}"}""", "description" },
        { "POST", "chatbots", $$"""{"name":"Bot{{Nul}}","keywords":["hours"],"reply":"9 to 5"}""", "name" },
        { "POST", "chatbots", $$"""{"name":"Bot","keywords":["ho{{Nul}}urs"],"reply":"9 to 5"}""", "keywords[0]" },
    };

    [SkippableTheory]
    [MemberData(nameof(BodyFields))]
    public async Task A_nul_in_a_text_field_is_refused_naming_the_field_and_stores_nothing(string method, string path, string body, string field)
    {
        using var client = await NewTenantAsync();
        var contact = await client.PostOkAsync("contacts", new { name = "Existing", phone = "+15550003999" });
        var events = await CountEventsAsync(client);

        var answer = await client.SendAsync(new HttpMethod(method), path.Replace("{contact}", contact.Str("id")), body.Replace("{contact}", contact.Str("id")));

        var problem = answer.AssertInvalidFields(field);
        Assert.Contains("NUL", problem.Error(field));
        Assert.Equal(events, await CountEventsAsync(client));
        Assert.Equal("Existing", (await client.GetOkAsync($"contacts/{contact.Str("id")}")).Str("name"));
    }

    [SkippableFact]
    public async Task An_unpaired_surrogate_escape_in_a_text_field_is_refused_naming_the_field_and_stores_nothing()
    {
        using var client = await NewTenantAsync();

        var answer = await client.PostAsync("contacts", """{"name":"a\ud800b","phone":"+15550003200"}""");

        var problem = answer.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal("$.name", problem.Str("field"));
        Assert.Contains("unpaired UTF-16 surrogate", problem.Str("detail"));
        Assert.Equal(0, (await client.GetOkAsync("contacts")).GetProperty("data").GetArrayLength());
    }

    public static TheoryData<string, string> Parameters => new()
    {
        { "messages?contact_id=con_%00x", "contact_id" },
        { "events?type=contact.created%00", "type" },
        { "webhooks/whk_x/deliveries?status=failed%00", "status" },
        { $"contacts?cursor={PageRequest.Encode("con_\0")}", "cursor" },
    };

    [SkippableTheory]
    [MemberData(nameof(Parameters))]
    public async Task A_nul_in_a_path_segment_or_query_parameter_is_refused_naming_it(string path, string parameter)
    {
        using var client = await NewTenantAsync();

        var answer = await client.GetAnswerAsync(path);

        answer.AssertInvalidFields(parameter);
    }

    [SkippableTheory]
    [InlineData("contacts/con_%00")]
    [InlineData("chatbots/bot%00")]
    [InlineData("deliveries/dlv_1%00")]
    public async Task A_nul_in_a_path_is_refused_by_the_web_server_before_any_store_sees_it(string path)
    {
        using var client = await NewTenantAsync();

        var answer = await client.GetAnswerAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
    }

    [SkippableFact]
    public async Task A_nul_inside_free_form_attributes_round_trips_on_every_store()
    {
        using var client = await NewTenantAsync();

        var created = await client.PostAsync("contacts", $$$"""{"name":"Ada","phone":"+15550003100","attributes":{"k{{{Nul}}}":"v{{{Nul}}}"}}""");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var read = await client.GetOkAsync($"contacts/{created.Json.Str("id")}");
        Assert.Equal("v\0", read.GetProperty("attributes").GetProperty("k\0").GetString());
    }

    private async Task<HttpClient> NewTenantAsync()
    {
        Skip.If(_server is null, SkipReason);
        return _server.CreateClient(await _server.CreateAccountAsync());
    }

    private static async Task<int> CountEventsAsync(HttpClient client) =>
        (await client.GetOkAsync("events?limit=100")).GetProperty("data").GetArrayLength();
}
