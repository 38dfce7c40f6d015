namespace Libromi.Connect.Testing;

/// <summary>What a finished <c>node</c> process left behind.</summary>
/// <param name="ExitCode">The process exit code; 0 means success.</param>
/// <param name="StandardOutput">Everything written to stdout, decoded as UTF-8.</param>
/// <param name="StandardError">Everything written to stderr, decoded as UTF-8.</param>
public sealed record NodeResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Throws with both streams in the message unless the process exited with 0.</summary>
    /// <returns>This result, for chaining.</returns>
    public NodeResult EnsureSuccess() =>
        ExitCode == 0
            ? this
            : throw new InvalidOperationException($"node exited with {ExitCode}.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
}
