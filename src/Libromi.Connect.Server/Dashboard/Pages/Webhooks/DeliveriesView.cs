using System.Security.Cryptography;
using System.Text;
using Libromi.Connect.Server.Delivery;

namespace Libromi.Connect.Server.Dashboard.Pages.Webhooks;

/// <summary>
/// What the live part of "Deliveries" shows: a page of deliveries and, opened, one delivery with its attempts and the
/// body it sends. <see cref="Fingerprint"/> names that content, so that a live request is answered only once it differs
/// from what the browser shows; it is the same on every node, so a browser may be answered by any of them.
/// </summary>
public sealed record DeliveriesView(string WebhookId, string? Status, IReadOnlyList<DeliveryView> Deliveries, string? NextCursor,
    DeliveryView? Selected, string? SelectedBody)
{
    public string Fingerprint { get; } = Hash(Deliveries, Selected);

    private static string Hash(IReadOnlyList<DeliveryView> deliveries, DeliveryView? selected)
    {
        var text = new StringBuilder();
        foreach (var d in deliveries.Append(selected))
        {
            if (d is not null)
            {
                text.Append(d.Id).Append(' ').Append(d.Status).Append(' ').Append(d.AttemptCount).Append(' ').Append(d.UpdatedAt.ToUnixTimeMilliseconds())
                    .Append(' ').Append(d.Attempts?.Count ?? -1).Append('\n');
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
