namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>An endpoint whose due deliveries wait until <paramref name="Until"/>: the lease that meets them moves them there.</summary>
public sealed record HeldEndpoint(string WebhookId, DateTimeOffset Until);
