using System.CommandLine;
using Libromi.Connect.Cli.Output;
using Libromi.Connect.Client;

namespace Libromi.Connect.Cli.Infrastructure;

/// <summary>One run of one command: its parsed values, the API client and the output.</summary>
internal sealed class Invocation
{
    private readonly CliContext _context;
    private LibromiClient? _client;

    private Invocation(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        _context = context;
        Parse = parse;
        CancellationToken = cancellationToken;
        Output = new CliOutput(context.Output, context.Error, parse.GetValue(context.Options.Output));
    }

    public ParseResult Parse { get; }

    public CliOutput Output { get; }

    public CancellationToken CancellationToken { get; }

    public TimeProvider Time => _context.Time;

    /// <summary>The API client, created on first use so that commands which fail on their arguments need no key.</summary>
    public LibromiClient Client => _client ??= CreateClient();

    public T Value<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    public static async Task<int> RunAsync(CliContext context, ParseResult parse, Func<Invocation, Task<int>> action, CancellationToken cancellationToken)
    {
        var invocation = new Invocation(context, parse, cancellationToken);
        try
        {
            return await action(invocation);
        }
        catch (LibromiApiException e)
        {
            invocation.Output.Problem(e);
            return 1;
        }
        catch (CliException e)
        {
            invocation.Output.Error(e.Message);
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 130;
        }
    }

    private LibromiClient CreateClient()
    {
        LibromiClientOptions options;
        try
        {
            options = new LibromiClientOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message);
        }
        if (Parse.GetValue(_context.Options.ApiKey) is { Length: > 0 } key)
        {
            options.ApiKey = key;
        }
        if (Parse.GetValue(_context.Options.ApiUrl) is { } url)
        {
            options.BaseUrl = url;
        }
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new CliException($"No API key: pass --api-key or set the {LibromiClientOptions.ApiKeyVariable} environment variable.");
        }
        return new LibromiClient(options);
    }
}
