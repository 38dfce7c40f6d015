namespace Libromi.Connect.Server.Api;

/// <summary>
/// A failure found by middleware, before any endpoint runs (such as headers too large), that becomes an RFC 9457 problem
/// response. Endpoints answer their problems as results instead (<see cref="ApiProblem"/>).
/// </summary>
public sealed class ApiException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}
