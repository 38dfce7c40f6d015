using System.Buffers;
using System.Text;
using System.Text.Json;
using Libromi.Connect.Server.Delivery.Engine;

namespace Libromi.Connect.Server.Delivery;

/// <summary>
/// A batch of outcomes as the one JSON parameter the record statements read (see <see cref="Storage.SqlDialect.RecordOutcomes"/>):
/// one bound value for the whole batch instead of ten per outcome.
/// </summary>
internal static class OutcomeJson
{
    // Read only by the store's JSON functions, never shown: nothing needs escaping beyond what JSON itself requires.
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Outcomes(IReadOnlyList<DecidedOutcome> batch) => Write(writer =>
    {
        foreach (var (lease, step) in batch)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", lease.Id);
            writer.WriteNumber("token", lease.LeaseToken);
            writer.WriteBoolean("hand_back", step.HandedBack);
            writer.WriteNumber("next", step.NextAttemptAt.ToUnixTimeMilliseconds());
            if (step.Attempt is { } attempt)
            {
                writer.WriteNumber("status", (int)step.Status);
                writer.WriteNumber("n", attempt.Attempt);
                WriteNumberOrNull(writer, "code", attempt.StatusCode);
                writer.WriteString("error", attempt.Error);
            }
            writer.WriteEndObject();
        }
    });

    /// <summary>The attempts the stored outcomes log, or null when none logs one (all hand-backs).</summary>
    public static string? Attempts(IReadOnlyList<DecidedOutcome> stored) => stored.Any(d => d.Step.Attempt is not null) ? Write(writer =>
    {
        foreach (var (lease, step) in stored)
        {
            if (step.Attempt is not { } log)
            {
                continue;
            }
            writer.WriteStartObject();
            writer.WriteNumber("id", lease.Id);
            writer.WriteNumber("n", log.Attempt);
            writer.WriteNumber("started", log.StartedAt.ToUnixTimeMilliseconds());
            writer.WriteNumber("duration", log.DurationMs);
            WriteNumberOrNull(writer, "code", log.StatusCode);
            writer.WriteString("kind", log.ErrorKind);
            writer.WriteString("error", log.Error);
            writer.WriteString("headers", log.ResponseHeaders);
            writer.WriteString("body", log.ResponseBody);
            writer.WriteEndObject();
        }
    }) : null;

    /// <summary>The held endpoints as the lease statement reads them (see <see cref="Storage.SqlDialect.LeaseDeliveries"/>).</summary>
    public static string Held(IReadOnlyList<HeldEndpoint> held) => Write(writer =>
    {
        foreach (var (webhookId, until) in held)
        {
            writer.WriteStartObject();
            writer.WriteString("w", webhookId);
            writer.WriteNumber("u", until.ToUnixTimeMilliseconds());
            writer.WriteEndObject();
        }
    });

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string Write(Action<Utf8JsonWriter> items)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            items(writer);
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
