using Microsoft.AspNetCore.Http.HttpResults;

namespace Libromi.Connect.Server.Contacts.PhoneCheck;

/// <summary><c>POST /admin/v1/phone-check</c>: the operator's one-off check of stored phone numbers (see <see cref="PhoneCheck"/>).</summary>
public static class PhoneCheckApi
{
    public static RouteGroupBuilder MapPhoneCheckApi(this RouteGroupBuilder admin)
    {
        admin.MapPost("/phone-check", async (PhoneCheckRequest? request, PhoneCheck check, CancellationToken cancellationToken) =>
            TypedResults.Ok(await check.RunAsync(request?.Apply ?? false, cancellationToken))).WithTags("Admin");
        return admin;
    }
}
