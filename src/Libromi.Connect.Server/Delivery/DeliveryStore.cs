using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Delivery;

/// <summary>
/// Every statement on <c>deliveries</c> and <c>delivery_attempts</c>, by concern: reading them for the API (here), queueing
/// them (<c>DeliveryStore.Queue.cs</c>) and the engine's leasing and recording (<c>DeliveryStore.Engine.cs</c>).
/// </summary>
public static partial class DeliveryStore
{
    public const string Prefix = "dlv";
    /// <summary>The API's names of the <see cref="DeliveryStatus"/> values, in their order.</summary>
    public static readonly string[] Statuses = ["pending", "succeeded", "failed", "cancelled"];
    private const string Columns = "id, webhook_id, event_id, event_type, status, attempt_count, next_attempt_at, last_status_code, last_error, created_at, updated_at";

    public static string PublicId(long id) => Prefix + "_" + id.ToString(CultureInfo.InvariantCulture);

    public static long? ParseId(string id) =>
        id.StartsWith(Prefix + "_", StringComparison.Ordinal) && long.TryParse(id.AsSpan(Prefix.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value : null;

    public static async Task<Page<DeliveryView>> ListAsync(StoreSession session, string accountId, string webhookId, DeliveryStatus? status, int limit, long? before, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"""
            SELECT {Columns} FROM deliveries
            WHERE account_id = @a AND webhook_id = @w{(status is null ? "" : " AND status = @s")}{(before is null ? "" : " AND id < @before")}
            ORDER BY id DESC LIMIT @limit
            """).With("@a", accountId).With("@w", webhookId).With("@s", (int?)status).With("@before", before).With("@limit", limit + 1);
        var rows = new List<DeliveryView>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader, null));
        }
        return new PageRequest(limit, null).ToPage(rows, d => d.Id);
    }

    /// <summary>
    /// One delivery with its attempts, read in one statement so that both come from one snapshot: read apart, an
    /// outcome committed in between would show an attempt count that disagrees with the attempts listed.
    /// </summary>
    public static async Task<DeliveryView?> FindAsync(StoreSession session, string accountId, long id, CancellationToken cancellationToken)
    {
        var attempts = new List<AttemptView>();
        await using var select = session.Command($"""
            SELECT {string.Join(", ", Columns.Split(", ").Select(c => "d." + c))},
                a.attempt, a.started_at, a.duration_ms, a.status_code, a.error_kind, a.error, a.response_headers, a.response_body
            FROM deliveries d LEFT JOIN delivery_attempts a ON a.delivery_id = d.id
            WHERE d.account_id = @a AND d.id = @id
            ORDER BY a.attempt
            """).With("@a", accountId).With("@id", id);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        DeliveryView? delivery = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            delivery ??= Read(reader, attempts);
            if (!reader.IsDBNull(11))
            {
                attempts.Add(new AttemptView(reader.GetInt32(11), reader.GetTime(12), reader.GetInt32(13),
                    reader.IsDBNull(14) ? null : reader.GetInt32(14), reader.GetNullableString(15), reader.GetNullableString(16),
                    reader.GetNullableString(17) is { } headers ? JsonElement.Parse(headers) : null, reader.GetNullableString(18)));
            }
        }
        return delivery;
    }

    private static DeliveryView Read(DbDataReader reader, IReadOnlyList<AttemptView>? attempts)
    {
        var status = (DeliveryStatus)reader.GetInt32(4);
        return new DeliveryView(PublicId(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), Statuses[(int)status],
            reader.GetInt32(5), status == DeliveryStatus.Pending ? reader.GetTime(6) : null, reader.IsDBNull(7) ? null : reader.GetInt32(7),
            reader.GetNullableString(8), reader.GetTime(9), reader.GetTime(10), attempts);
    }
}
