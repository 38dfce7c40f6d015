using System.Net.Http.Headers;
using System.Text.Json;
using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Libromi.Connect.Server.Tests.Contacts.PhoneCheck;

/// <summary>
/// A database with contacts stored before libphonenumber (as '+' and their digits), checked by the operator with
/// <c>POST /admin/v1/phone-check</c>: numbers that read differently are rewritten only when asked, unreadable ones and
/// would-be duplicates are reported and left as they were.
/// </summary>
public sealed class PhoneCheckTests
{
    private static readonly string OperatorKey = ApiKeys.NewKey();

    [Fact]
    public async Task Legacy_numbers_are_reported_then_rewritten_where_unambiguous_and_the_rest_left_as_stored()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Admin:ApiKey"] = OperatorKey });
        var account = (await server.Services.GetRequiredService<ApiKeys>().FindAccountAsync(server.ApiKey, CancellationToken.None))!;
        await InsertLegacyAsync(server, account,
            ("con_00000000000000000000000001", "+447700900123"),
            ("con_00000000000000000000000002", "+4407700900125"),
            ("con_00000000000000000000000003", "+4407700900123"),
            ("con_00000000000000000000000004", "+07700900124"),
            ("con_00000000000000000000000005", "+15550100"));
        using var admin = new HttpClient { BaseAddress = new Uri(server.BaseAddress, "/admin/v1/") };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        using var api = server.CreateClient();

        var dryRun = await admin.PostOkAsync("phone-check", new { });
        var unchanged = await PhonesAsync(api);
        var applied = await admin.PostOkAsync("phone-check", new { apply = true });
        var after = await PhonesAsync(api);
        var again = await admin.PostOkAsync("phone-check", new { apply = true });

        Assert.Equal(5, dryRun.GetProperty("checked").GetInt32());
        Assert.False(dryRun.GetProperty("applied").GetBoolean());
        var rewrite = Assert.Single(dryRun.GetProperty("normalised").EnumerateArray());
        Assert.Equal(("con_00000000000000000000000002", "+4407700900125", "+447700900125"), (rewrite.Str("contact_id"), rewrite.Str("from"), rewrite.Str("to")));
        var duplicate = Assert.Single(dryRun.GetProperty("duplicates").EnumerateArray());
        Assert.Equal(("con_00000000000000000000000003", "+447700900123", "con_00000000000000000000000001"),
            (duplicate.Str("contact_id"), duplicate.Str("normalised"), duplicate.Str("same_as")));
        Assert.Equal(["con_00000000000000000000000004", "con_00000000000000000000000005"],
            dryRun.GetProperty("unparseable").EnumerateArray().Select(u => u.Str("contact_id")));
        Assert.Contains("too short", dryRun.GetProperty("unparseable")[1].Str("reason"), StringComparison.Ordinal);
        Assert.Equal("+4407700900125", unchanged["con_00000000000000000000000002"]);

        Assert.True(applied.GetProperty("applied").GetBoolean());
        Assert.Equal("+447700900125", after["con_00000000000000000000000002"]);
        Assert.Equal("+4407700900123", after["con_00000000000000000000000003"]);
        Assert.Equal("+07700900124", after["con_00000000000000000000000004"]);
        Assert.Equal("+15550100", after["con_00000000000000000000000005"]);
        Assert.Empty(again.GetProperty("normalised").EnumerateArray());
        Assert.Single(again.GetProperty("duplicates").EnumerateArray());
        Assert.Equal(2, again.GetProperty("unparseable").GetArrayLength());
        Assert.Empty(await api.EventTypesAsync());
    }

    [Fact]
    public async Task The_check_needs_the_operator_key()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Admin:ApiKey"] = OperatorKey });
        using var withAccountKey = new HttpClient { BaseAddress = new Uri(server.BaseAddress, "/admin/v1/") };
        withAccountKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey);

        var answer = await withAccountKey.PostAsync("phone-check", "{}");

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, answer.Status);
    }

    private static async Task<Dictionary<string, string>> PhonesAsync(HttpClient api) =>
        (await api.AllAsync("contacts")).ToDictionary(c => c.Str("id"), c => c.Str("phone"));

    /// <summary>Rows as the releases before libphonenumber stored them, written straight into the SQLite file.</summary>
    private static async Task InsertLegacyAsync(TestServer server, string accountId, params (string Id, string Phone)[] contacts)
    {
        await using var connection = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        foreach (var (id, phone) in contacts)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO contacts (id, account_id, name, phone, email, attributes, created_at, updated_at) VALUES ($id, $a, 'Legacy', $p, NULL, '{}', 1, 1)";
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$a", accountId);
            insert.Parameters.AddWithValue("$p", phone);
            await insert.ExecuteNonQueryAsync();
        }
    }
}
