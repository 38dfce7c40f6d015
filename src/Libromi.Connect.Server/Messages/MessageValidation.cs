using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Contacts;

namespace Libromi.Connect.Server.Messages;

/// <summary>What a message's fields must be. Each check answers the errors by field, or null with the request normalised.</summary>
public static class MessageValidation
{
    public const int MaxContentLength = 4096;
    private const int MaxIdLength = 64;

    public static Dictionary<string, string[]>? Send(SendMessageRequest request, out SendMessageRequest valid)
    {
        var validator = new Validator();
        var contactId = validator.Text("contact_id", request.ContactId, required: true, MaxIdLength);
        var content = validator.Text("content", request.Content, required: true, MaxContentLength, trim: false);
        if (request.Type is not null and not "text")
        {
            validator.Add("type", $"'type' must be \"text\"; '{request.Type}' is not a supported message type.");
        }
        NotBlank(validator, content);
        valid = new SendMessageRequest(contactId, content, "text");
        return validator.Errors();
    }

    /// <summary>The sender's phone normalised, and a blank name left out.</summary>
    public static Dictionary<string, string[]>? Receive(InboundMessageRequest request, string? defaultRegion, out InboundMessageRequest valid)
    {
        var validator = new Validator();
        var phone = PhoneNumber.Validate(validator, "from", request.From, defaultRegion);
        var name = validator.Text("name", request.Name, required: false, ContactValidation.MaxNameLength);
        var content = validator.Text("content", request.Content, required: true, MaxContentLength, trim: false);
        NotBlank(validator, content);
        valid = new InboundMessageRequest(phone, name is { Length: > 0 } ? name : null, content);
        return validator.Errors();
    }

    // Content is kept as sent, untrimmed (spaces can matter in a message), but it must not be blank.
    private static void NotBlank(Validator validator, string? content)
    {
        if (content is { Length: > 0 } && content.Trim().Length == 0)
        {
            validator.Add("content", "'content' must not be blank.");
        }
    }
}
