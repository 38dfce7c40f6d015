namespace Libromi.Connect.Server.Dashboard;

/// <summary>
/// The <c>Dashboard</c> section. <see cref="FrameAncestors"/> lists the origins (such as <c>https://app.example.com</c>)
/// allowed to show the dashboard in an iframe, which is how a customer embeds the portal; empty (the default) forbids
/// framing. Embedding needs HTTPS: the session cookie then has <c>SameSite=None; Secure; Partitioned</c>, since a
/// <c>SameSite=Strict</c> cookie is never sent inside another site's frame. <see cref="SessionLifetime"/> is how long a
/// sign-in with an API key lasts (8 hours by default); a portal session ends when its link's <c>expires_at</c> does.
/// <see cref="KeysPath"/> is a folder for the keys that protect session cookies, to share between nodes behind one
/// address; unset, each node keeps its own and a session is good only on the node that made it.
/// </summary>
public sealed class DashboardOptions
{
    public bool Enabled { get; set; } = true;

    public string[] FrameAncestors { get; set; } = [];

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public string? KeysPath { get; set; }

    public bool Embeddable => FrameAncestors.Length > 0;
}
