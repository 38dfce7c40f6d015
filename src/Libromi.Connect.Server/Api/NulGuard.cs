namespace Libromi.Connect.Server.Api;

/// <summary>
/// Refuses a NUL character (U+0000) in a query parameter before any handler reads it. PostgreSQL cannot store or compare
/// NUL in text and SQLite can, so without this the same request would get a 500 on one store and an answer on the other;
/// with it, both answer 422 naming the parameter. (Body fields are checked by <see cref="Validator"/>; Kestrel itself
/// refuses a %00 in the path with 400.)
/// </summary>
public static class NulGuard
{
    public static ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        foreach (var (name, values) in request.Query)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v is not null && v.Contains('\0', StringComparison.Ordinal)))
            {
                var shown = name.Replace("\0", "\\0", StringComparison.Ordinal);
                return ValueTask.FromResult<object?>(new ValidationFailed(shown, $"'{shown}' contains a NUL character (U+0000, %00); remove it."));
            }
        }
        return next(context);
    }
}
