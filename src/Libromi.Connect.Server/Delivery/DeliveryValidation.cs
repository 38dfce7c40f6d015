using Libromi.Connect.Server.Api;

namespace Libromi.Connect.Server.Delivery;

/// <summary>What the delivery log's query must be: the errors by field, or null with the status and page read.</summary>
public static class DeliveryValidation
{
    /// <summary><paramref name="status"/> becomes its <see cref="DeliveryStatus"/>, null for every status.</summary>
    public static Dictionary<string, string[]>? List(string? status, string? limit, string? cursor, out DeliveryStatus? statusCode, out PageRequest page)
    {
        statusCode = null;
        if (PageRequest.Parse(limit, cursor, DeliveryStore.Prefix, out page) is { } errors)
        {
            return errors;
        }
        var validator = new Validator();
        if (status is not null)
        {
            var index = Array.IndexOf(DeliveryStore.Statuses, status);
            if (index < 0)
            {
                validator.Add("status", $"'status' must be one of {string.Join(", ", DeliveryStore.Statuses)}; '{status}' is not.");
            }
            statusCode = index < 0 ? null : (DeliveryStatus)index;
        }
        return validator.Errors();
    }
}
