using System.Diagnostics;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Delivery.Outcomes;
using Libromi.Connect.Server.Delivery.Transports;

namespace Libromi.Connect.Server.Telemetry;

/// <summary>
/// The span of one delivery attempt: a trace of its own (an attempt may come hours after the request, on another node),
/// linked to the span of the event it carries, which the API request that wrote the event is the parent of. Its tags
/// name the delivery, event and webhook by id; the URL is reduced to its host, since a query string may hold a token.
/// </summary>
internal static class AttemptTrace
{
    public static Activity? Start(LeasedDelivery lease, EventPayload payload, DeliveryTarget target)
    {
        // A root, whatever the dispatcher's own context: the request that caused it is a link, not a parent.
        Activity.Current = null;
        ActivityLink[]? links = payload.TraceParent is { } parent && ActivityContext.TryParse(parent, null, out var context) ? [new ActivityLink(context)] : null;
        var activity = ConnectDiagnostics.Source.StartActivity(ActivityKind.Client, default(ActivityContext), links: links, name: "deliver " + payload.Type);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("libromi.delivery.id", DeliveryStore.PublicId(lease.Id));
            activity.SetTag("libromi.delivery.attempt", lease.AttemptCount + 1);
            activity.SetTag("libromi.event.id", payload.Id);
            activity.SetTag("libromi.event.type", payload.Type);
            activity.SetTag("libromi.webhook.id", lease.WebhookId);
            activity.SetTag("http.request.method", "POST");
            activity.SetTag("server.address", target.Url.Host);
        }
        return activity;
    }

    /// <summary>The <c>traceparent</c> the attempt sends: the span's own context.</summary>
    public static string? TraceParent(Activity? activity) => activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : null;

    public static void End(Activity? activity, AttemptOutcome outcome)
    {
        if (activity is null)
        {
            return;
        }
        switch (outcome)
        {
            case Delivered delivered:
                activity.SetTag("http.response.status_code", delivered.Response.StatusCode);
                activity.SetStatus(ActivityStatusCode.Ok);
                break;
            case Failed failed:
                if (failed.Response is { } response)
                {
                    activity.SetTag("http.response.status_code", response.StatusCode);
                }
                activity.SetTag("error.type", failed.Kind);
                activity.SetStatus(ActivityStatusCode.Error, failed.Error);
                break;
            case Skipped skipped:
                activity.SetTag("libromi.skip_reason", skipped.Reason.ToString());
                break;
        }
        activity.Stop();
    }
}
