using System.Text.Json;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Webhooks;
using Microsoft.AspNetCore.Mvc;

namespace Libromi.Connect.Server.Dashboard.Pages.Webhooks;

/// <summary>
/// One webhook ("new" to create one): edit it, enable or disable it, "Rotate secret", reveal the secret, "Send test
/// event", delete it. Every change goes through the same validation and service calls as the API.
/// </summary>
public sealed class EditWebhookModel(WebhookService webhooks, Database database) : DashboardPage
{
    public const string New = "new";

    public override string Section => "webhooks";

    [BindProperty]
    public WebhookForm Form { get; set; } = new();

    public Webhook? Webhook { get; private set; }

    public bool Creating => Webhook is null;

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    /// <summary>The secret, shown only on the answer to "Reveal secret" or "Rotate secret".</summary>
    public WebhookSecretResponse? RevealedSecret { get; private set; }

    public IReadOnlyList<string> EventNames { get; } = ["*", .. EventCatalog.SubscribableNames];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (id == New)
        {
            Form = new WebhookForm { Events = ["*"] };
            return Page();
        }
        if (await webhooks.FindAsync(AccountId, id, Aborted) is not { } webhook)
        {
            return NotFound();
        }
        Webhook = webhook;
        Form = WebhookForm.Of(webhook);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id)
    {
        var creating = id == New;
        if (!creating && await webhooks.FindAsync(AccountId, id, Aborted) is not { } current)
        {
            return NotFound();
        }
        if (Form.ToBody(creating, out var formErrors) is not { } body)
        {
            return await Refused(id, formErrors!);
        }
        try
        {
            return creating ? await CreateAsync(body.Deserialize<CreateWebhookRequest>(ApiJson.Options)!) : await UpdateAsync(id, body.Deserialize<UpdateWebhookRequest>(ApiJson.Options)!);
        }
        catch (JsonException e)
        {
            return await Refused(id, new() { ["auth"] = [$"The auth does not have the documented shape: {e.Message}"] });
        }
    }

    public Task<IActionResult> OnPostEnableAsync(string id) => SetEnabledAsync(id, true);

    public Task<IActionResult> OnPostDisableAsync(string id) => SetEnabledAsync(id, false);

    public async Task<IActionResult> OnPostRevealAsync(string id)
    {
        if (await Load(id) is { } missing)
        {
            return missing;
        }
        RevealedSecret = await webhooks.FindSecretAsync(AccountId, id, Aborted);
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(string id)
    {
        await using var scope = await database.BeginWriteAsync(Aborted);
        var rotated = await webhooks.RotateSecretAsync(scope, AccountId, id, Aborted);
        await scope.CommitAsync(Aborted);
        if (rotated is null)
        {
            return NotFound();
        }
        Webhook = rotated with { Secret = null };
        Form = WebhookForm.Of(rotated);
        RevealedSecret = new WebhookSecretResponse(rotated.Secret!, null, rotated.PreviousSecretExpiresAt);
        Notice = rotated.PreviousSecretExpiresAt is { } until
            ? $"The secret was rotated. The previous one still signs deliveries until {Format.Time(until)}."
            : "The secret was rotated.";
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync(string id)
    {
        await using var scope = await database.BeginWriteAsync(Aborted);
        var test = await webhooks.TestAsync(scope, AccountId, id, Aborted);
        await scope.CommitAsync(Aborted);
        if (test is null)
        {
            return NotFound();
        }
        Notice = $"A webhook.test event ({test.EventId}) is on its way.";
        return Redirect($"/dashboard/webhooks/{id}/deliveries?delivery={test.DeliveryId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id)
    {
        if (!await webhooks.DeleteAsync(AccountId, id, Aborted))
        {
            return NotFound();
        }
        Notice = "The webhook was deleted.";
        return Redirect("/dashboard/webhooks");
    }

    private async Task<IActionResult> CreateAsync(CreateWebhookRequest request)
    {
        if (WebhookValidation.Create(request, webhooks.AllowPrivateNetworks, webhooks.Now, out var valid, out var endpoint) is { } errors)
        {
            return await Refused(New, errors);
        }
        await using var scope = await database.BeginWriteAsync(Aborted);
        var created = await webhooks.CreateAsync(scope, AccountId, valid, endpoint, Aborted);
        await scope.CommitAsync(Aborted);
        Webhook = created with { Secret = null };
        Form = WebhookForm.Of(created);
        RevealedSecret = new WebhookSecretResponse(created.Secret!, null, null);
        Notice = "The webhook was created.";
        return Page();
    }

    private async Task<IActionResult> UpdateAsync(string id, UpdateWebhookRequest request)
    {
        if (WebhookValidation.Update(request, webhooks.AllowPrivateNetworks, out var valid) is { } errors)
        {
            return await Refused(id, errors);
        }
        var endpointErrors = new Validator();
        var updated = await webhooks.UpdateAsync(AccountId, id, valid, endpointErrors, Aborted);
        if (endpointErrors.Errors() is { } invalid)
        {
            return await Refused(id, invalid);
        }
        if (updated is null)
        {
            return NotFound();
        }
        Notice = "The webhook was saved.";
        return Redirect($"/dashboard/webhooks/{id}");
    }

    private async Task<IActionResult> SetEnabledAsync(string id, bool enabled)
    {
        var request = new UpdateWebhookRequest(null, null, null, enabled, null, default, default, default, default);
        if (await webhooks.UpdateAsync(AccountId, id, request, new Validator(), Aborted) is null)
        {
            return NotFound();
        }
        Notice = enabled ? "The webhook is enabled: deliveries resume." : "The webhook is disabled: its deliveries wait until it is enabled again.";
        return Redirect($"/dashboard/webhooks/{id}");
    }

    /// <summary>The form again, as it was sent, with what is wrong with it (422, nothing saved).</summary>
    private async Task<IActionResult> Refused(string id, Dictionary<string, string[]> errors)
    {
        if (id != New && await Load(id, keepForm: true) is { } missing)
        {
            return missing;
        }
        Errors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> Load(string id, bool keepForm = false)
    {
        if (await webhooks.FindAsync(AccountId, id, Aborted) is not { } webhook)
        {
            return NotFound();
        }
        Webhook = webhook;
        if (!keepForm)
        {
            Form = WebhookForm.Of(webhook);
        }
        return null;
    }

    public string? ErrorFor(string field) =>
        Errors.Where(e => e.Key == field || e.Key.StartsWith(field + ".", StringComparison.Ordinal) || e.Key.StartsWith(field + "[", StringComparison.Ordinal))
            .SelectMany(e => e.Value).FirstOrDefault() is { } message ? message : null;
}
