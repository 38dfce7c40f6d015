using System.Net.Mail;
using Libromi.Connect.Server.Api;

namespace Libromi.Connect.Server.Contacts;

/// <summary>What a contact's fields must be. Each check answers the errors by field, or null with the input normalised.</summary>
public static class ContactValidation
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;

    public static Dictionary<string, string[]>? Create(CreateContactRequest request, string? defaultRegion, out ContactInput valid)
    {
        var validator = new Validator();
        var name = validator.Text("name", request.Name, required: true, MaxNameLength);
        var phone = PhoneNumber.Validate(validator, "phone", request.Phone, defaultRegion);
        var email = Email(validator, request.Email);
        var attributes = validator.Attributes("attributes", request.Attributes);
        valid = new ContactInput(name, phone, email is "" ? null : email, attributes);
        return validator.Errors();
    }

    /// <summary>Absent fields stay null; an <c>email</c> of "" stays "" and removes it.</summary>
    public static Dictionary<string, string[]>? Update(UpdateContactRequest request, string? defaultRegion, out ContactInput valid)
    {
        var validator = new Validator();
        var name = validator.Text("name", request.Name, required: false, MaxNameLength);
        if (name is { Length: 0 })
        {
            validator.Add("name", "'name' must not be empty; leave it out to keep the current name.");
        }
        var phone = request.Phone is null ? null : PhoneNumber.Validate(validator, "phone", request.Phone, defaultRegion);
        var email = Email(validator, request.Email);
        var attributes = validator.Attributes("attributes", request.Attributes);
        valid = new ContactInput(name, phone, email, attributes);
        return validator.Errors();
    }

    /// <summary>Returns the trimmed email, "" for "remove the email", or null when absent.</summary>
    private static string? Email(Validator validator, string? input)
    {
        var email = validator.Text("email", input, required: false, MaxEmailLength);
        if (email is { Length: > 0 } && (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !parsed.Host.Contains('.', StringComparison.Ordinal)))
        {
            validator.Add("email", $"'email' must be an address such as ada@example.com; '{email}' is not.");
        }
        return email;
    }
}
