namespace Libromi.Connect.Server.Api;

/// <summary>
/// What a service call that can be refused answers: the value, or that the thing it needs is <see cref="Missing"/>, or a
/// <see cref="Conflict"/> with the current state that the detail explains. Handlers turn it into the matching HTTP answer.
/// </summary>
public sealed record Outcome<T>
{
    public T? Value { get; init; }

    public bool Missing { get; init; }

    public string? Conflict { get; init; }

    public static implicit operator Outcome<T>(T value) => new() { Value = value };
}
