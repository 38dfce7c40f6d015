namespace Libromi.Connect.Webhooks.Json;

/// <summary>
/// Why a JSON document cannot be delivered unchanged to a JavaScript receiver.
/// </summary>
/// <param name="Path">
/// Where the problem is, relative to the normalised element: <c>$</c> for the element itself,
/// then <c>.name</c>, <c>["odd name"]</c> and <c>[index]</c> segments, e.g. <c>$.attributes.a[2].b</c>.
/// Callers prefix it with the element's own location.
/// </param>
/// <param name="Message">What is wrong and how to fix it, in words fit to show the sender.</param>
public sealed record JsonRepresentabilityError(string Path, string Message);
