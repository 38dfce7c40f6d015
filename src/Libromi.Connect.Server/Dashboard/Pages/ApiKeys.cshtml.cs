using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Api;
using Microsoft.AspNetCore.Mvc;

namespace Libromi.Connect.Server.Dashboard.Pages;

/// <summary>"API keys": the account's keys by prefix, name and scope; create one (shown once, on the answer) or revoke one.</summary>
public sealed class ApiKeysModel(ApiKeys keys) : DashboardPage
{
    public override string Section => "api-keys";

    public Page<ApiKey> Keys { get; private set; } = null!;

    /// <summary>The key just created: the one time its text is shown.</summary>
    public ApiKey? Created { get; private set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string Scope { get; set; } = ApiKeyScope.Full;

    public async Task OnGetAsync(string? cursor) => await LoadAsync(cursor);

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (ApiKeysApi.Validate(new CreateApiKeyRequest(Name, Scope), out var name) is { } errors)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        else
        {
            // Answered here rather than redirected: the key must not travel in a cookie or a URL.
            Created = await keys.CreateKeyAsync(AccountId, name, Scope, Aborted);
            Name = null;
        }
        await LoadAsync(null);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string key)
    {
        Notice = await keys.RevokeAsync(AccountId, key, Aborted) switch
        {
            ApiKeys.RevokeResult.Revoked => $"Key {key} is revoked; it is refused from now on.",
            ApiKeys.RevokeResult.LastFullKey => "That is the account's last key with the full scope; create another full key first, then revoke it.",
            _ => $"There is no key {key}.",
        };
        return RedirectToPage();
    }

    private async Task LoadAsync(string? cursor)
    {
        PageRequest.Parse("50", cursor, "key", out var page);
        Keys = await keys.ListAsync(AccountId, page, Aborted);
    }
}
