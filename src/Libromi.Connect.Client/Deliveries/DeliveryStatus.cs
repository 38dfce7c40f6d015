using System.Text.Json.Serialization;

namespace Libromi.Connect.Client;

/// <summary>Where a delivery stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>The endpoint answered 2xx.</summary>
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    /// <summary>Every attempt failed; <see cref="DeliveriesClient.RetryAsync"/> or <see cref="WebhooksClient.RecoverAsync"/> sends it again.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>Never sent: the contact its event was about was erased while it was pending. Final.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
