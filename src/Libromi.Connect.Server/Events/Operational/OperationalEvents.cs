using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Delivery.Outcomes;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Server.Events.Operational;

/// <summary>
/// The operational events of one outcome batch, written in the batch's own transaction through the outbox
/// (<see cref="EventWriter"/>): stored with the outcomes that caused them, or not at all. <c>delivery.failed</c> for
/// each delivery that ended failed after an attempt (not those failed unsent because their webhook was disabled: its
/// <c>webhook.disabled</c> says it once); <c>webhook.disabled</c> and <c>webhook.recovered</c> for each change of
/// standing the batch stored. Each goes to the account's subscribers except the webhook it is about, and none is caused
/// by a delivery of an operational event, so a dead monitor cannot feed itself or another monitor without end.
/// </summary>
public sealed class OperationalEvents(EventWriter events)
{
    public async Task WriteAsync(WriteScope scope, IReadOnlyList<DecidedOutcome> stored, IReadOnlyList<HealthChange> changes, CancellationToken cancellationToken)
    {
        var failed = stored.Where(d => d.Step is { Status: DeliveryStatus.Failed, Attempt: { } attempt } && attempt.ErrorKind != ErrorKinds.WebhookDisabled).ToList();
        var reported = changes.Where(c => c.Disabled || c.Recovered).ToList();
        if (failed.Count == 0 && reported.Count == 0)
        {
            return;
        }
        // One read for every delivery an event may name: the failed ones, and the attempts of the webhooks whose standing changed.
        var changed = reported.Select(c => c.WebhookId).ToHashSet(StringComparer.Ordinal);
        var candidates = failed.Select(d => d.Lease.Id)
            .Concat(stored.Where(d => d.Step.Attempt is not null && changed.Contains(d.Lease.WebhookId)).Select(d => d.Lease.Id)).ToHashSet();
        var contexts = await OperationalContext.ReadAsync(scope, candidates, cancellationToken);
        // A delivery of an operational event causes none: the cascade stops at the first step.
        bool Reportable(DecidedOutcome d) => contexts.TryGetValue(d.Lease.Id, out var context) && !EventCatalog.IsOperational(context.EventType);

        foreach (var decided in failed.Where(Reportable))
        {
            var context = contexts[decided.Lease.Id];
            await events.AppendAsync(scope, context.AccountId,
                new DeliveryFailed(Webhook(decided, context), Delivery(decided, context), Error(decided.Step.Attempt!)), cancellationToken,
                exceptWebhookId: decided.Lease.WebhookId);
        }
        foreach (var change in reported)
        {
            // The outcome that decided the change: the webhook's last one in the batch that said what the change says.
            var cause = !change.Disabled ? EndpointHealth.Succeeded
                : change.After.DisabledReason == WebhookHealth.Gone ? EndpointHealth.Gone : EndpointHealth.Failed;
            var decided = stored.LastOrDefault(d => d.Lease.WebhookId == change.WebhookId && d.Step.Health == cause && Reportable(d));
            if (decided.Lease is null)
            {
                continue;
            }
            var context = contexts[decided.Lease.Id];
            if (change.Disabled)
            {
                await events.AppendAsync(scope, context.AccountId,
                    new WebhookDisabled(Webhook(decided, context), change.After.DisabledReason ?? WebhookHealth.Failing, change.After.FailingSince,
                        Delivery(decided, context), Error(decided.Step.Attempt!)), cancellationToken, exceptWebhookId: change.WebhookId);
            }
            else
            {
                await events.AppendAsync(scope, context.AccountId,
                    new WebhookRecovered(Webhook(decided, context), change.Before.FailingSince!.Value, Delivery(decided, context)), cancellationToken,
                    exceptWebhookId: change.WebhookId);
            }
        }
    }

    private static WebhookReference Webhook(DecidedOutcome decided, OperationalContext context) => new(decided.Lease.WebhookId, context.WebhookUrl);

    private static DeliveryReference Delivery(DecidedOutcome decided, OperationalContext context) =>
        new(DeliveryStore.PublicId(decided.Lease.Id), decided.Lease.EventId, context.EventType, decided.Step.Attempt?.Attempt ?? decided.Lease.AttemptCount);

    private static DeliveryError Error(AttemptLogEntry attempt) => new(attempt.StatusCode, attempt.ErrorKind ?? ErrorKinds.Internal, attempt.Error ?? "");
}
