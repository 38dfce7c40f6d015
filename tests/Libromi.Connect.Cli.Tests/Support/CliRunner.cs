using Libromi.Connect.Testing;

namespace Libromi.Connect.Cli.Tests.Support;

/// <summary>Runs <c>libromi</c> in this process against a test server, as a user would type it.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command against <paramref name="server"/> with its account's key, and insists that it succeeds.</summary>
    public static async Task<CliResult> RunOkAsync(TestServer server, params string[] args)
    {
        var result = await RunAsync([.. args, .. For(server)]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    public static string[] For(TestServer server) => ["--api-url", server.BaseAddress.ToString(), "--api-key", server.ApiKey];
}
