using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Server.Tests.Hosting.Health;

/// <summary>
/// The probes on a real SQLite file: live and ready answer 200 while the file is the one opened at start; the file
/// deleted, moved or replaced under the running server makes ready answer 503 naming the store, and writes 503 (nothing
/// acknowledged into a file a restart would not find); the original put back heals both.
/// </summary>
public sealed class SqliteHealthTests
{
    [Fact]
    public async Task Live_ready_and_the_healthz_alias_answer_200_on_a_healthy_server()
    {
        await using var server = await TestServer.StartAsync();

        (await HealthProbe.GetAsync(server.BaseAddress, "/healthz/live")).AssertHealthy();
        (await HealthProbe.GetAsync(server.BaseAddress, "/healthz")).AssertHealthy();
        (await HealthProbe.GetAsync(server.BaseAddress, "/healthz/ready")).AssertHealthy("store", "dispatcher");
    }

    [Fact]
    public async Task The_file_deleted_under_the_server_makes_ready_503_naming_the_store_and_writes_503_until_it_is_put_back()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();
        var kept = await client.PostOkAsync("contacts", new { name = "Kept", phone = "+15550003000" });

        var aside = server.DatabasePath + ".aside";
        File.Move(server.DatabasePath, aside);

        var ready = await HealthProbe.GetAsync(server.BaseAddress, "/healthz/ready");
        var description = ready.AssertFailing("store");
        Assert.Contains(server.DatabasePath, description);
        Assert.Contains("deleted or moved", description);
        Assert.Equal("ok", ready.Checks["dispatcher"].Status);
        (await HealthProbe.GetAsync(server.BaseAddress, "/healthz/live")).AssertHealthy();
        AssertStoreUnavailable(await client.PostAsync("contacts", HealthProbe.ContactJson("Lost", 3001)));

        File.Move(aside, server.DatabasePath);
        (await HealthProbe.GetAsync(server.BaseAddress, "/healthz/ready")).AssertHealthy("store", "dispatcher");
        var back = await client.PostAsync("contacts", HealthProbe.ContactJson("Back", 3002));
        Assert.Equal(HttpStatusCode.Created, back.Status);
        var names = (await client.GetOkAsync("contacts?limit=10")).GetProperty("data").EnumerateArray().Select(c => c.Str("name")).ToList();
        Assert.Equal(["Back", "Kept"], names);
        Assert.Equal("Kept", kept.Str("name"));
    }

    /// <summary>
    /// A copy has the same bytes but is another file: a check of the path alone (does a file exist there?) would call it
    /// healthy while the server's connections still write to the file it replaced.
    /// </summary>
    [Fact]
    public async Task A_file_replaced_by_a_copy_under_the_server_is_refused_until_the_original_is_back()
    {
        var logs = new LogRecorder();
        await using var server = await TestServer.StartAsync(configure: b => b.Logging.AddProvider(logs));
        using var client = server.CreateClient();
        await client.PostOkAsync("contacts", new { name = "Original", phone = "+15550004000" });

        var aside = server.DatabasePath + ".aside";
        File.Move(server.DatabasePath, aside);
        File.Copy(aside, server.DatabasePath);

        var description = (await HealthProbe.GetAsync(server.BaseAddress, "/healthz/ready")).AssertFailing("store");
        Assert.Contains("replaced", description);
        AssertStoreUnavailable(await client.PostAsync("contacts", HealthProbe.ContactJson("Into the copy", 4001)));
        AssertStoreUnavailable(await client.PostAsync("contacts", HealthProbe.ContactJson("Into the copy again", 4002)));

        File.Delete(server.DatabasePath);
        File.Move(aside, server.DatabasePath);
        (await HealthProbe.GetAsync(server.BaseAddress, "/healthz/ready")).AssertHealthy("store", "dispatcher");
        var after = await client.PostAsync("contacts", HealthProbe.ContactJson("After", 4003));
        Assert.True(after.Status == HttpStatusCode.Created, after.Text + string.Join("\n", logs.Lines));
    }

    [Fact]
    public async Task An_api_only_node_does_not_check_the_dispatcher_and_a_worker_only_node_does()
    {
        await using var api = await TestServer.StartAsync(new Dictionary<string, string?> { ["Node:Roles"] = "api" });
        (await HealthProbe.GetAsync(api.BaseAddress, "/healthz/ready")).AssertHealthy("store");

        await using var worker = await TestServer.StartAsync(new Dictionary<string, string?> { ["Node:Roles"] = "worker" });
        (await HealthProbe.GetAsync(worker.BaseAddress, "/healthz/ready")).AssertHealthy("store", "dispatcher");
        (await HealthProbe.GetAsync(worker.BaseAddress, "/healthz/live")).AssertHealthy();
    }

    private static void AssertStoreUnavailable(ApiAnswer answer)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal("Store unavailable", answer.Json.Str("title"));
    }
}
