namespace Libromi.Connect.Server.Api;

/// <summary>A user-facing failure that becomes an RFC 9457 problem response; thrown inside a write scope it also rolls the write back.</summary>
public class ApiException(int status, string title, string detail, IDictionary<string, string[]>? errors = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IDictionary<string, string[]>? Errors { get; } = errors;

    public static ApiException NotFound(string resource, string id) =>
        new(StatusCodes.Status404NotFound, "Not found", $"No {resource} with id '{id}' exists in this account.");

    public static ApiException Conflict(string detail) =>
        new(StatusCodes.Status409Conflict, "Conflict", detail);

    public static ApiException Validation(string field, string message) =>
        new(StatusCodes.Status422UnprocessableEntity, "Validation failed", message, new Dictionary<string, string[]> { [field] = [message] });
}
