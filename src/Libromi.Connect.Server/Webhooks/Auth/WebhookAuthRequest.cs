namespace Libromi.Connect.Server.Webhooks.Auth;

/// <summary>
/// The <c>auth</c> object of a webhook's create or update: <c>type</c> is <c>basic</c> (<c>username</c>, <c>password</c>),
/// <c>bearer</c> (<c>token</c>), <c>oauth2</c> (<c>token_url</c>, <c>client_id</c>, <c>client_secret</c>, optional
/// <c>scope</c>: the client-credentials grant) or <c>mtls</c> (<c>certificate</c> and <c>private_key</c>, PEM). Secrets
/// are write-only; on update, a secret sent back as its hint keeps the stored one. Also the shape the <c>auth</c>
/// column stores.
/// </summary>
public sealed record WebhookAuthRequest(
    string? Type,
    string? Username = null,
    string? Password = null,
    string? Token = null,
    string? TokenUrl = null,
    string? ClientId = null,
    string? ClientSecret = null,
    string? Scope = null,
    string? Certificate = null,
    string? PrivateKey = null);
