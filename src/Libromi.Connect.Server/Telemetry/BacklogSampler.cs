using System.Diagnostics.Metrics;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Storage;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Telemetry;

/// <summary>
/// Reads the delivery backlog from the store every <see cref="TelemetryOptions.BacklogInterval"/>, for the
/// <c>libromi.deliveries.pending</c> and <c>libromi.deliveries.oldest_pending.age</c> gauges, which it publishes with the
/// other observed instruments (open circuits, group commit totals). A scrape reads the last value and never waits for
/// the store; a failed read keeps the previous value and is logged.
/// </summary>
public sealed partial class BacklogSampler : BackgroundService
{
    private readonly Database _database;
    private readonly TimeProvider _time;
    private readonly TelemetryOptions _options;
    private readonly ILogger<BacklogSampler> _logger;
    private Backlog _latest = Backlog.Unknown;

    public BacklogSampler(Database database, TimeProvider time, IOptions<TelemetryOptions> options, IMeterFactory meters, IServiceProvider services, ILogger<BacklogSampler> logger)
    {
        _database = database;
        _time = time;
        _options = options.Value;
        _logger = logger;
        var meter = meters.Create(ConnectDiagnostics.Name);
        meter.CreateObservableGauge("libromi.deliveries.pending", () => Latest.Pending, "{delivery}",
            "Deliveries waiting for an attempt or a retry, as last read from the store");
        meter.CreateObservableGauge("libromi.deliveries.oldest_pending.age", () => OldestAge(Latest), "s",
            "Age of the oldest pending delivery when the store was last read; 0 when none is pending");
        // Resolved at each observation: only worker nodes have a governor.
        meter.CreateObservableGauge("libromi.circuits.open", () => (services.GetService<EndpointGovernor>()?.OpenCircuits).GetValueOrDefault(), "{circuit}",
            "Endpoints whose circuit this node holds open (or half-open, probing)");
        meter.CreateObservableCounter("libromi.store.group_commit.transactions", () => database.Writer.Statistics.Groups, "{transaction}",
            "Transactions the node's group commit writer committed");
        meter.CreateObservableCounter("libromi.store.group_commit.units", () => database.Writer.Statistics.Units, "{unit}",
            "Units of writing (API requests, outcome batches) those transactions carried; units / transactions is the group size");
    }

    public Backlog Latest => Volatile.Read(ref _latest);

    /// <summary>Reads the backlog now (the loop's step, public for tests).</summary>
    public async Task<Backlog> SampleAsync(CancellationToken cancellationToken)
    {
        await using var session = await _database.OpenSessionAsync(cancellationToken);
        await using var select = session.Command("SELECT COUNT(*), MIN(created_at) FROM deliveries WHERE status = @pending")
            .With("@pending", (int)DeliveryStatus.Pending);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var backlog = new Backlog(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
            reader.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)),
            _time.GetUtcNow());
        Volatile.Write(ref _latest, backlog);
        return backlog;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.BacklogInterval, _time);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSampleFailed(_logger, e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static double OldestAge(Backlog backlog) =>
        backlog.OldestCreatedAt is { } oldest ? Math.Max(0, (backlog.ReadAt - oldest).TotalSeconds) : 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the delivery backlog for the metrics failed; the gauges keep their last value")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
