namespace Libromi.Connect.Server.Api;

/// <summary>A JSON string of the request that is not well-formed Unicode; answered as a 422 naming the field.</summary>
public sealed class MalformedTextException(Exception inner)
    : JsonReasonException("The text is not well-formed Unicode: it holds an unpaired UTF-16 surrogate.", inner);
