using System.Text;

namespace Libromi.Connect.Testing;

/// <summary>Asks real Node.js what an <c>express.json()</c> receiver re-serialises a body to.</summary>
public static class NodeJson
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Returns <c>JSON.stringify(JSON.parse(body))</c> as UTF-8 bytes for every body, all in one node process;
    /// null where node could not parse the body.
    /// </summary>
    /// <param name="bodies">UTF-8 request bodies.</param>
    /// <param name="cancellationToken">Kills node when cancelled.</param>
    /// <returns>One entry per body, in order.</returns>
    public static async Task<IReadOnlyList<byte[]?>> RestringifyAsync(IReadOnlyList<byte[]> bodies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        var input = new StringBuilder();
        foreach (var body in bodies)
        {
            input.Append(Convert.ToBase64String(body)).Append('\n');
        }

        var result = (await NodeEnvironment.RunScriptAsync("restringify.js", input.ToString(), Timeout, cancellationToken)).EnsureSuccess();
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != bodies.Count)
        {
            throw new InvalidOperationException($"node answered {lines.Length} lines for {bodies.Count} bodies.\n{result.StandardError}");
        }

        return [.. lines.Select(line => line.StartsWith('!') ? null : Convert.FromBase64String(line))];
    }
}
