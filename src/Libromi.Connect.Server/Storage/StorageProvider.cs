namespace Libromi.Connect.Server.Storage;

/// <summary>
/// One storage provider as the host sees it: the <c>Storage:Provider</c> name that selects it, how its
/// <see cref="Database"/> is made, and the services it adds to a node that delivers (PostgreSQL's listener for other
/// nodes' wake-ups), if any.
/// </summary>
public sealed record StorageProvider(
    string Name,
    Func<StorageOptions, TimeProvider, Database> Create,
    Action<IServiceCollection>? AddDeliveryServices = null);
