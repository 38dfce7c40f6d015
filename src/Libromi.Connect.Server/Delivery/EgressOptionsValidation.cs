using Libromi.Connect.Server.Delivery.Transports.Egress;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Delivery;

/// <summary>Refuses to start on egress settings the transport could not use, saying which setting and the fix.</summary>
public sealed class EgressOptionsValidation : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Proxy) && EgressProxy.Validate(options.Proxy) is { } proxy)
        {
            errors.Add(proxy);
        }
        try
        {
            TrustedAuthorities.From(options);
        }
        catch (InvalidOperationException e)
        {
            errors.Add(e.Message);
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
