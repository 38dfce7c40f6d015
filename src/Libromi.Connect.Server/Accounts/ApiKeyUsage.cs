using System.Collections.Concurrent;
using System.Threading.Channels;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Accounts;

/// <summary>
/// Keeps <c>last_used_at</c> of API keys, off the request path: a request only notes the use, at most once per
/// <see cref="Resolution"/> per key on this node, and a background loop writes the noted uses in one write.
/// </summary>
public sealed partial class ApiKeyUsage(Database database, TimeProvider time, ILogger<ApiKeyUsage> logger) : BackgroundService
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);
    private const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _noted = new(StringComparer.Ordinal);
    private readonly Channel<(string KeyId, DateTimeOffset At)> _uses = Channel.CreateBounded<(string, DateTimeOffset)>(
        new BoundedChannelOptions(MaxTracked) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false });
    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>Notes a use of the key now; cheap when it was noted less than <see cref="Resolution"/> ago.</summary>
    public void Note(string keyId)
    {
        var now = time.GetUtcNow();
        if (_noted.TryGetValue(keyId, out var last) && now - last < Resolution)
        {
            return;
        }
        if (_noted.Count >= MaxTracked)
        {
            _noted.Clear();
        }
        _noted[keyId] = now;
        _uses.Writer.TryWrite((keyId, now));
    }

    /// <summary>Writes every use noted so far; returns once they are stored (also when the loop was writing them).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            var batch = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            while (_uses.Reader.TryRead(out var use))
            {
                batch[use.KeyId] = use.At;
            }
            if (batch.Count == 0)
            {
                return;
            }
            await using var scope = await database.BeginWriteAsync(cancellationToken);
            foreach (var (keyId, at) in batch)
            {
                await ApiKeyStore.TouchAsync(scope, keyId, at.ToUnixTimeMilliseconds(), cancellationToken);
            }
            await scope.CommitAsync(cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await _uses.Reader.WaitToReadAsync(stoppingToken))
        {
            try
            {
                await FlushAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A store fault loses only these 'last used' times; the next use notes them again.
                LogWriteFailed(logger, e);
                _noted.Clear();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record when API keys were last used; they are recorded at their next use")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
