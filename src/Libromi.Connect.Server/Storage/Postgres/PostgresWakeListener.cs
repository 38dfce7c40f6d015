using Libromi.Connect.Server.Delivery;
using Npgsql;

namespace Libromi.Connect.Server.Storage.Postgres;

/// <summary>
/// Hears other nodes' <c>NOTIFY</c> on a connection of its own and wakes this node's dispatcher, so an event stored
/// through any node is delivered at once. When the connection breaks it reconnects; notifications sent meanwhile are
/// lost, so every (re)connection wakes the dispatcher once, and its idle check remains the safety net.
/// </summary>
public sealed partial class PostgresWakeListener(Database database, DeliverySignal signal, TimeProvider time, ILogger<PostgresWakeListener> logger) : BackgroundService
{
    // A silently dropped connection never raises an error while waiting; a query now and then finds out.
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (database.IsUnavailable(e))
                {
                    database.ForgetConnections();
                }
                LogListenFailed(logger, e);
                await Task.Delay(ReconnectDelay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = (NpgsqlConnection)await database.OpenAsync(stoppingToken);
        connection.Notification += (_, _) => signal.Notify();
        await using (var listen = connection.Sql("LISTEN " + PostgresDialect.DeliveriesChannel))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }
        signal.Notify();
        LogListening(logger);
        while (true)
        {
            if (!await connection.WaitAsync(Heartbeat, stoppingToken))
            {
                await using var ping = connection.Sql("SELECT 1");
                await ping.ExecuteNonQueryAsync(stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for delivery notifications from other nodes")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection that listens for other nodes' notifications; reconnecting")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}
