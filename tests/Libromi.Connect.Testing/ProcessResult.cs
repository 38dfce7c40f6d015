namespace Libromi.Connect.Testing;

/// <summary>What a finished child process (see <see cref="ChildProcess.RunAsync"/>) left behind.</summary>
/// <param name="Command">The program and its arguments, for messages.</param>
/// <param name="ExitCode">The process exit code; 0 means success.</param>
/// <param name="StandardOutput">Everything written to stdout, decoded as UTF-8.</param>
/// <param name="StandardError">Everything written to stderr, decoded as UTF-8.</param>
public sealed record ProcessResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Throws with both streams in the message unless the process exited with 0.</summary>
    /// <returns>This result, for chaining.</returns>
    public ProcessResult EnsureSuccess() =>
        ExitCode == 0
            ? this
            : throw new InvalidOperationException($"{Command} exited with {ExitCode}.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
}
