using System.Text;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Webhooks;
using Microsoft.AspNetCore.Mvc;

namespace Libromi.Connect.Server.Dashboard.Pages.Webhooks;

/// <summary>
/// "Deliveries" of a webhook or a listen session: a status filter, the deliveries with their event and status, one
/// opened with every attempt, "Retry" and recovering failed ones since a time. The list and the opened delivery follow
/// changes live: <see cref="OnGetLiveAsync"/> holds the browser's request until they change.
/// </summary>
public sealed class DeliveriesModel(DeliveryService deliveries, EventService events, WebhookService webhooks, Database database,
    DeliveryChanges changes, TimeProvider time, IHostApplicationLifetime lifetime) : DashboardPage
{
    /// <summary>The longest a live request is held: below the usual 30–60 s idle timeouts of proxies.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(25);

    public override string Section => "webhooks";

    public DeliveriesView View { get; private set; } = null!;

    public Webhook? Webhook { get; private set; }

    public string? Error { get; private set; }

    public static IReadOnlyList<string> Statuses => DeliveryStore.Statuses;

    public async Task<IActionResult> OnGetAsync(string id, string? status, string? delivery, string? cursor)
    {
        if (await LoadAsync(id, status, delivery, cursor) is not { } view)
        {
            return NotFound();
        }
        View = view;
        return Page();
    }

    /// <summary>The live part, once it differs from <paramref name="seen"/>, or as it is after <see cref="LongestWait"/>.</summary>
    public async Task<IActionResult> OnGetLiveAsync(string id, string? status, string? delivery, string? cursor, string? seen)
    {
        // Ends after the longest wait, or at once when the browser goes away or the server stops (which would
        // otherwise wait for every open dashboard before it could shut down).
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(Aborted, lifetime.ApplicationStopping);
        var cancelled = Task.Delay(LongestWait, time, ended.Token);
        while (true)
        {
            // Taken before reading, so that a change committed while the page is read wakes the next wait.
            var changed = changes.Next();
            if (await LoadAsync(id, status, delivery, cursor) is not { } view)
            {
                return NotFound();
            }
            if (view.Fingerprint != seen || cancelled.IsCompleted)
            {
                View = view;
                return Partial("_DeliveriesLive", this);
            }
            await Task.WhenAny(changed, cancelled);
        }
    }

    public async Task<IActionResult> OnPostRetryAsync(string id, string delivery, string? status)
    {
        await using var scope = await database.BeginWriteAsync(Aborted);
        var retried = await deliveries.RetryAsync(scope, AccountId, delivery, Aborted);
        if (retried.Missing || (retried.Value is { } found && found.WebhookId != id))
        {
            return NotFound();
        }
        if (retried.Conflict is { } conflict)
        {
            Notice = conflict;
        }
        else
        {
            await scope.CommitAsync(Aborted);
            Notice = $"Delivery {delivery} is queued for another attempt.";
        }
        return Redirect(Here(id, status, delivery));
    }

    public async Task<IActionResult> OnPostRecoverAsync(string id, string? since, string? status)
    {
        if (!DateTimeOffset.TryParse(since, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var from))
        {
            Notice = "Give the time to recover from, such as 2026-12-01 09:00 (UTC).";
            return Redirect(Here(id, status, null));
        }
        await using var scope = await database.BeginWriteAsync(Aborted);
        var recovered = await webhooks.RecoverAsync(scope, AccountId, id, from, Aborted);
        if (recovered is null)
        {
            return NotFound();
        }
        await scope.CommitAsync(Aborted);
        Notice = $"{recovered.Recovered} failed deliveries since {Format.Time(from)} are queued again.";
        return Redirect(Here(id, status, null));
    }

    public string Here(string id, string? status, string? delivery, string? cursor = null)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(status))
        {
            query.Add("status=" + Uri.EscapeDataString(status));
        }
        if (!string.IsNullOrEmpty(delivery))
        {
            query.Add("delivery=" + Uri.EscapeDataString(delivery));
        }
        if (!string.IsNullOrEmpty(cursor))
        {
            query.Add("cursor=" + Uri.EscapeDataString(cursor));
        }
        return $"/dashboard/webhooks/{Uri.EscapeDataString(id)}/deliveries" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    /// <summary>Where the live part asks for its next version: this view, answered by <see cref="OnGetLiveAsync"/>.</summary>
    public string Live()
    {
        var here = Here(View.WebhookId, View.Status, View.Selected?.Id, Cursor);
        return here + (here.Contains('?') ? "&" : "?") + "handler=live";
    }

    public string? Cursor { get; private set; }

    private async Task<DeliveriesView?> LoadAsync(string id, string? status, string? delivery, string? cursor)
    {
        Cursor = cursor;
        var status0 = string.IsNullOrEmpty(status) ? null : status;
        if (DeliveryValidation.List(status0, "25", cursor, out var statusCode, out var page) is not null)
        {
            DeliveryValidation.List(null, "25", null, out statusCode, out page);
            status0 = null;
        }
        if (await deliveries.ListAsync(AccountId, id, statusCode, page, Aborted) is not { } list)
        {
            return null;
        }
        Webhook ??= await webhooks.FindAsync(AccountId, id, Aborted);
        DeliveryView? selected = null;
        string? body = null;
        if (!string.IsNullOrEmpty(delivery) && await deliveries.FindAsync(AccountId, delivery, Aborted) is { } found && found.WebhookId == id)
        {
            selected = found;
            body = await events.FindAsync(AccountId, found.EventId, Aborted) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
        }
        return new DeliveriesView(id, status0, list.Data, list.NextCursor, selected, body);
    }
}
