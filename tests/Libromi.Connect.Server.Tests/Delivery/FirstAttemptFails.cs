using System.Collections.Concurrent;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>
/// A receiver's answers: 500 to the first attempt of every event and 200 after (or always 500 for events
/// <see cref="Refuse"/> picks), logging each answer with the contact the event is about, and counting the moments two
/// events of one contact were at the receiver at once.
/// </summary>
internal sealed class FirstAttemptFails(TimeSpan? answerAfter = null)
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly List<Answer> _answers = [];
    private int _overlaps;

    public Func<string, bool> Refuse { get; set; } = _ => false;

    /// <summary>False: only <see cref="Refuse"/> fails an attempt.</summary>
    public bool FailFirstAttempts { get; set; } = true;

    /// <summary>What the answer to an event (by its name) waits for first; null: nothing.</summary>
    public Func<string, Task?> Hold { get; set; } = _ => null;

    public int Overlaps => Volatile.Read(ref _overlaps);

    public IReadOnlyList<Answer> Answers
    {
        get
        {
            lock (_answers)
            {
                return [.. _answers];
            }
        }
    }

    /// <summary>The names the events of <paramref name="contactId"/> carried, in the order they were answered 200.</summary>
    public IReadOnlyList<string> Delivered(string contactId) => [.. Answers.Where(a => a.ContactId == contactId && a.Status == 200).Select(a => a.Name)];

    public async Task<ReceiverResponse> RespondAsync(ReceivedRequest request)
    {
        var contact = request.Json.GetProperty("data").GetProperty("contact");
        var (contactId, name) = (contact.Str("id"), contact.Str("name"));
        if (_inFlight.AddOrUpdate(contactId, 1, (_, n) => n + 1) > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }
        try
        {
            if (answerAfter is { } pause)
            {
                await Task.Delay(pause);
            }
            if (Hold(name) is { } hold)
            {
                await hold;
            }
            var first = _attempts.AddOrUpdate(request.Header("webhook-id"), 1, (_, n) => n + 1) == 1;
            var status = Refuse(name) || (first && FailFirstAttempts) ? 500 : 200;
            lock (_answers)
            {
                _answers.Add(new Answer(contactId, name, status));
            }
            return new ReceiverResponse(status);
        }
        finally
        {
            _inFlight.AddOrUpdate(contactId, 0, (_, n) => n - 1);
        }
    }

    public sealed record Answer(string ContactId, string Name, int Status);
}
