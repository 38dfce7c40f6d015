namespace Libromi.Connect.Server.Storage;

/// <summary>
/// One storage provider as the host sees it: the <c>Storage:Provider</c> name that selects it, how its
/// <see cref="Database"/> is made, and the services it adds to a node that delivers (PostgreSQL's listener for other
/// nodes' wake-ups), if any, and the <see cref="Retention.IPurgeStep"/>s of its own that run before the shared ones
/// (PostgreSQL's partition maintenance), with their <see cref="Retention.IRowPurgeHorizon"/>.
/// </summary>
public sealed record StorageProvider(
    string Name,
    Func<StorageOptions, Retention.RetentionOptions, TimeProvider, Database> Create,
    Action<IServiceCollection>? AddDeliveryServices = null,
    Action<IServiceCollection>? AddPurgeSteps = null);
