using System.Globalization;
using System.Threading.Channels;
using Libromi.Connect.Webhooks.Events;
using Libromi.Connect.Webhooks.Verification;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Webhooks.AspNetCore;

/// <summary>
/// One mapped endpoint: checks each request and puts accepted events on its bounded queue, answering at once.
/// The requests are answered before any handler runs; <see cref="WebhookWorker"/> runs them.
/// </summary>
internal sealed class WebhookEndpoint
{
    private readonly WebhookVerifier _verifier;
    private readonly ILogger _logger;

    public WebhookEndpoint(string pattern, LibromiWebhookOptions options, IWebhookIdempotencyStore store, TimeProvider time, ILogger logger)
    {
        Pattern = pattern;
        Options = options;
        Store = store;
        _logger = logger;
        _verifier = new WebhookVerifier(new WebhookVerifierOptions
        {
            Secrets = [.. options.Secrets],
            PublicKeys = [.. options.PublicKeys],
            Tolerance = options.Tolerance,
            AcceptLibromiSignature = options.AcceptLibromiSignature,
            TimeProvider = time,
        });
        Queue = Channel.CreateBounded<WebhookEvent>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = options.MaxConcurrency == 1 });
    }

    public string Pattern { get; }

    public LibromiWebhookOptions Options { get; }

    public IWebhookIdempotencyStore Store { get; }

    public Channel<WebhookEvent> Queue { get; }

    public async Task HandleAsync(HttpContext http)
    {
        var result = await AcceptAsync(http, http.RequestAborted);
        await result.ExecuteAsync(http);
    }

    private async Task<IResult> AcceptAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(http.Request, Options.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            Log.BodyTooLarge(_logger, Pattern, Options.MaxBodyBytes);
            return Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body must not exceed {Options.MaxBodyBytes} bytes.");
        }

        var headers = http.Request.Headers;
        var verification = _verifier.Verify(body, name => headers.TryGetValue(name, out var values) ? values.ToString() : null);
        if (!verification.IsValid)
        {
            Log.SignatureRejected(_logger, Pattern, verification.Failure, verification.Message);
            return Problem(StatusCodes.Status401Unauthorized, "Invalid webhook signature", verification.Message);
        }

        if (!WebhookEventParser.TryParse(body, out var webhookEvent, out var error))
        {
            Log.Unparsable(_logger, Pattern, error);
            return Problem(StatusCodes.Status400BadRequest, "Invalid webhook event", error);
        }

        if (!Options.Handlers.ContainsKey(webhookEvent.Type))
        {
            Log.NoHandler(_logger, webhookEvent.Type, webhookEvent.Id);
            return Results.Ok();
        }

        bool claimed;
        try
        {
            claimed = await Store.TryClaimAsync(webhookEvent.Id, cancellationToken);
        }
        catch (WebhookIdempotencyStoreFullException full)
        {
            var retryAfter = full.RetryAfter > Options.RetryAfter ? full.RetryAfter : Options.RetryAfter;
            Log.StoreFull(_logger, webhookEvent.Type, webhookEvent.Id, full.Message);
            return Busy(http, retryAfter, "The receiver cannot record another event id yet; deliver the event again after Retry-After.");
        }

        if (!claimed)
        {
            Log.Duplicate(_logger, webhookEvent.Type, webhookEvent.Id);
            return Results.Ok();
        }

        if (!Queue.Writer.TryWrite(webhookEvent))
        {
            await Store.ReleaseAsync(webhookEvent.Id, CancellationToken.None);
            Log.QueueFull(_logger, webhookEvent.Type, webhookEvent.Id, Options.QueueCapacity);
            return Busy(http, Options.RetryAfter, "The event queue is full; deliver the event again after Retry-After.");
        }

        Log.Accepted(_logger, webhookEvent.Type, webhookEvent.Id);
        return Results.Ok();
    }

    private static IResult Busy(HttpContext http, TimeSpan retryAfter, string detail)
    {
        http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status503ServiceUnavailable, "Receiver busy", detail);
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);
}
