using Libromi.Connect.Client.Http;

namespace Libromi.Connect.Client;

/// <summary>Delivery logs and manual retries: <c>/api/v1/webhooks/{id}/deliveries</c> and <c>/api/v1/deliveries</c>.</summary>
public sealed class DeliveriesClient
{
    private readonly ApiConnection _api;

    internal DeliveriesClient(ApiConnection api) => _api = api;

    /// <summary>Reads one delivery with every attempt made so far.</summary>
    /// <param name="id">The delivery's id (<c>dlv_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The delivery, with <see cref="Delivery.Attempts"/> filled in.</returns>
    /// <exception cref="LibromiApiException">404 when the account has no such delivery, or any other failure.</exception>
    public Task<Delivery> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Get, $"deliveries/{PathSegment.Of(id)}", ClientJsonContext.Default.Delivery, cancellationToken);

    /// <summary>Lists a webhook's deliveries, newest first, fetching further pages as the enumeration reaches them.</summary>
    /// <param name="webhookId">The webhook's id (<c>whk_…</c>); an unknown one is a 404 on the first page.</param>
    /// <param name="status">Only deliveries in this state. Default: all.</param>
    /// <param name="pageSize">Deliveries fetched per request, 1 to 100. Default: the server's, 20.</param>
    /// <param name="cancellationToken">Cancels the enumeration; <c>WithCancellation</c> works too.</param>
    /// <returns>The deliveries, lazily, without their attempts.</returns>
    public IAsyncEnumerable<Delivery> ListAsync(string webhookId, DeliveryStatus? status = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        Pages.Walk(_api, $"webhooks/{PathSegment.Of(webhookId)}/deliveries", ClientJsonContext.Default.PageResponseDelivery, pageSize, cancellationToken,
            ("status", status switch
            {
                null => null,
                DeliveryStatus.Pending => "pending",
                DeliveryStatus.Succeeded => "succeeded",
                DeliveryStatus.Failed => "failed",
                DeliveryStatus.Cancelled => "cancelled",
                _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a delivery status."),
            }));

    /// <summary>Queues a succeeded or failed delivery for one more attempt now.</summary>
    /// <param name="id">The delivery's id (<c>dlv_…</c>).</param>
    /// <param name="cancellationToken">Cancels the call, including waits between retries.</param>
    /// <returns>The delivery, pending again.</returns>
    /// <exception cref="LibromiApiException">404 for an unknown id, 409 when it is already pending, or any other failure.</exception>
    public Task<Delivery> RetryAsync(string id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Post, $"deliveries/{PathSegment.Of(id)}/retry", ClientJsonContext.Default.Delivery, cancellationToken);
}
