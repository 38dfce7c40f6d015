namespace Libromi.Connect.Server.Accounts.Admin;

/// <summary>The <c>Admin</c> section: the operator's key of the admin API at <c>/admin/v1</c>.</summary>
public sealed class AdminOptions
{
    /// <summary>
    /// The operator key, sent as <c>Authorization: Bearer &lt;key&gt;</c> to <c>/admin/v1</c>; at least
    /// <see cref="ApiKeys.MinKeyLength"/> characters. Default: none, and then there is no admin API at all.
    /// </summary>
    public string? ApiKey { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(ApiKey);
}
