namespace Libromi.Connect.Cli.Trigger;

/// <summary>What <c>libromi trigger</c> did: a sentence for people, and the ids it touched for programs.</summary>
internal sealed record TriggerResult(string EventType, string Done, IReadOnlyDictionary<string, string> Ids);
