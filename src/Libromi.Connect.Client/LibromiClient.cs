using Libromi.Connect.Client.Http;

namespace Libromi.Connect.Client;

/// <summary>
/// The Libromi Connect API. Safe to share between threads; create one per application (or take it from dependency
/// injection with <c>services.AddLibromiConnect(...)</c>). Every call retries transient failures as
/// <see cref="LibromiClientOptions"/> says and throws <see cref="LibromiApiException"/> when it fails.
/// </summary>
public sealed class LibromiClient
{
    // One pool of connections for every client created without an HttpClient, recycled so DNS changes are seen.
    private static readonly SocketsHttpHandler SharedHandler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };

    /// <summary>Creates a client configured from the environment: <c>LIBROMI_API_KEY</c> and <c>LIBROMI_API_URL</c>.</summary>
    /// <exception cref="ArgumentException"><c>LIBROMI_API_KEY</c> is not set.</exception>
    public LibromiClient()
        : this(new LibromiClientOptions())
    {
    }

    /// <summary>Creates a client with its own connection pool, shared by every client created this way.</summary>
    /// <param name="options">API key, base URL and retry settings; properties not set default to the environment.</param>
    /// <exception cref="ArgumentException">No API key, or a base URL that is not absolute.</exception>
    public LibromiClient(LibromiClientOptions options)
        : this(new HttpClient(SharedHandler, disposeHandler: false), options)
    {
    }

    /// <summary>
    /// Creates a client that sends through <paramref name="httpClient"/>, for example one with handlers of your own.
    /// Its <see cref="HttpClient.Timeout"/> bounds each attempt; its <see cref="HttpClient.BaseAddress"/> is not used
    /// (<see cref="LibromiClientOptions.BaseUrl"/> is). The client does not dispose it.
    /// </summary>
    /// <param name="httpClient">The HttpClient to send with.</param>
    /// <param name="options">API key, base URL and retry settings. Default: all from the environment.</param>
    /// <exception cref="ArgumentException">No API key, or a base URL that is not absolute.</exception>
    public LibromiClient(HttpClient httpClient, LibromiClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        var api = new ApiConnection(httpClient, options ?? new LibromiClientOptions());
        Contacts = new ContactsClient(api);
        Messages = new MessagesClient(api);
        Chatbots = new ChatbotsClient(api);
        Webhooks = new WebhooksClient(api);
        Events = new EventsClient(api);
        Deliveries = new DeliveriesClient(api);
        Listen = new ListenClient(api);
        ApiKeys = new ApiKeysClient(api);
        Account = new AccountClient(api);
    }

    /// <summary>Contacts: create, read, list and update.</summary>
    public ContactsClient Contacts { get; }

    /// <summary>Messages: send, list, and report inbound messages from a channel.</summary>
    public MessagesClient Messages { get; }

    /// <summary>Chatbots: keyword-triggered automatic replies.</summary>
    public ChatbotsClient Chatbots { get; }

    /// <summary>Webhooks: register endpoints, rotate secrets, send tests and recover failed deliveries.</summary>
    public WebhooksClient Webhooks { get; }

    /// <summary>Events and the event catalog.</summary>
    public EventsClient Events { get; }

    /// <summary>Delivery logs with their attempts, and manual retries.</summary>
    public DeliveriesClient Deliveries { get; }

    /// <summary>Listen sessions: receive the account's deliveries over a stream, as <c>libromi listen</c> does.</summary>
    public ListenClient Listen { get; }

    /// <summary>The account's API keys: create (shown once), list and revoke.</summary>
    public ApiKeysClient ApiKeys { get; }

    /// <summary>The calling account, and its default region for phone numbers in national format.</summary>
    public AccountClient Account { get; }
}
