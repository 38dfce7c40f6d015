namespace Libromi.Connect.Server.Api;

/// <summary>A JSON string of the request that the reader cannot decode (an unpaired surrogate escape such as <c>"\ud800"</c>).</summary>
public sealed class UnpairedSurrogateException(Exception inner) : JsonReasonException(
    "the text contains an unpaired UTF-16 surrogate escape (such as \\ud800); send well-formed Unicode text", inner);
