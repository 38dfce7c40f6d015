using Libromi.Connect.Bench.Server;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>
/// Scenario 0, the headline: REST ingest → signed delivery → attempt recorded on a fresh SQLite server with one webhook
/// at the receiver, next to the raw baseline of one endpoint measured in the same run.
/// </summary>
public static class EndToEndScenario
{
    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var raw = await RawBaseline.ForAsync(context, 1, cancellationToken);
        await using var server = await LibromiProcess.StartAsync(context.NewDatabase("endtoend"), paused: false, null, cancellationToken);
        await server.Api.CreateWebhookAsync(context.Receiver.Url("ok", 0), ["message.received"], cancellationToken);
        var result = await EndToEndRun.RunAsync(context, [server.Api], server.Store, cancellationToken);
        context.Rows.Insert(0, EndToEndRun.Row("0. End to end (REST ingest → signed delivery → attempt recorded), SQLite", "end to end", result, raw, targeted: true));
    }
}
