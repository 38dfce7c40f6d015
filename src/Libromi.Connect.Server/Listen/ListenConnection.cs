using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Libromi.Connect.Server.Listen;

/// <summary>One connected listener: the deliveries waiting to be streamed to it, and the answers it still owes.</summary>
public sealed class ListenConnection(string accountId)
{
    public string AccountId { get; } = accountId;

    private readonly ConcurrentDictionary<string, TaskCompletionSource<ReportedAnswer>> _pending = new(StringComparer.Ordinal);

    public Channel<RelayedDelivery> Outgoing { get; } = Channel.CreateUnbounded<RelayedDelivery>(new UnboundedChannelOptions { SingleReader = true });

    public Task<ReportedAnswer> Expect(string ticket)
    {
        var answer = new TaskCompletionSource<ReportedAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[ticket] = answer;
        return answer.Task;
    }

    public void Forget(string ticket) => _pending.TryRemove(ticket, out _);

    public bool Complete(string ticket, ReportedAnswer result) =>
        _pending.TryRemove(ticket, out var answer) && answer.TrySetResult(result);
}
