using Libromi.Connect.Cli.Output;
using Libromi.Connect.Client;

namespace Libromi.Connect.Cli.Deliveries;

/// <summary>How a delivery prints: a row in lists, a record with its attempts on its own.</summary>
internal static class DeliveryView
{
    public static readonly string[] Headers = ["ID", "EVENT", "TYPE", "STATUS", "ATTEMPTS", "LAST STATUS", "CREATED"];

    public static string?[] Row(Delivery d) =>
        [d.Id, d.EventId, d.EventType, Status(d.Status), Cells.Number(d.AttemptCount), Cells.Number(d.LastStatusCode), Cells.Time(d.CreatedAt)];

    public static void Print(CliOutput output, Delivery d) => output.Show(d, o =>
    {
        o.Record(
        [
            ("id", d.Id),
            ("webhook", d.WebhookId),
            ("event", $"{d.EventId} ({d.EventType})"),
            ("status", Status(d.Status)),
            ("attempts", Cells.Number(d.AttemptCount)),
            ("next attempt", Cells.Time(d.NextAttemptAt)),
            ("last error", d.LastError),
            ("created", Cells.Time(d.CreatedAt)),
        ]);
        if (d.Attempts is { Count: > 0 } attempts)
        {
            o.Table(["#", "STARTED", "STATUS", "MS", "ERROR"],
                attempts.Select(a => new[] { Cells.Number(a.Attempt), Cells.Time(a.StartedAt), Cells.Number(a.StatusCode), Cells.Number(a.DurationMs), a.Error }));
        }
    });

    public static string Status(DeliveryStatus status) => status.ToString().ToLowerInvariant();
}
