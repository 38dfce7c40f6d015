namespace Libromi.Connect.Cli.Listen;

/// <summary>The first line of <c>listen --output json</c>: the session and the secret its deliveries are signed with.</summary>
internal sealed record ListenStarted(string SessionId, string Secret, IReadOnlyList<string> Events, Uri ForwardTo);
