namespace Libromi.Connect.Testing;

/// <summary>
/// Runs real Node.js against the packages pinned in <c>tests/node</c>, installing them on first use.
/// </summary>
public static class NodeEnvironment
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim InProcessLock = new(1, 1);

    /// <summary>
    /// Returns the <c>tests/node</c> folder, first running <c>npm ci --no-audit --no-fund</c> there if its
    /// packages are not installed. Safe to call from many tests and many test processes at once.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting for the lock or the install.</param>
    /// <returns>The absolute path of <c>tests/node</c>.</returns>
    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        var directory = NodeDirectory();
        var marker = Path.Combine(directory, "node_modules", ".package-lock.json");
        if (File.Exists(marker))
        {
            return directory;
        }

        await InProcessLock.WaitAsync(cancellationToken);
        try
        {
            await using var fileLock = await AcquireFileLockAsync(Path.Combine(directory, ".install.lock"), cancellationToken);
            if (!File.Exists(marker))
            {
                var result = await ChildProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], directory, null, InstallTimeout, cancellationToken);
                result.EnsureSuccess();
            }
        }
        finally
        {
            InProcessLock.Release();
        }

        return directory;
    }

    /// <summary>
    /// Runs a Node.js script with <c>tests/node</c> as the working directory, so <c>require('express')</c> works.
    /// </summary>
    /// <param name="script">
    /// A file name ending in <c>.js</c>, <c>.cjs</c> or <c>.mjs</c> (relative to <c>tests/node</c>, or absolute),
    /// or else the source of an inline CommonJS script.
    /// </param>
    /// <param name="stdin">Text written to the script's standard input, UTF-8; null closes it at once.</param>
    /// <param name="timeout">How long the script may run before it is killed and <see cref="TimeoutException"/> thrown.</param>
    /// <param name="cancellationToken">Kills the script when cancelled.</param>
    /// <returns>Exit code and output; a non-zero exit does not throw.</returns>
    public static async Task<ProcessResult> RunScriptAsync(string script, string? stdin, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(script);
        var directory = await EnsureInstalledAsync(cancellationToken);
        string[] arguments = IsScriptFile(script) ? [Path.Combine(directory, script)] : ["-e", script];
        return await ChildProcess.RunAsync("node", arguments, directory, stdin, timeout, cancellationToken);
    }

    private static bool IsScriptFile(string script) =>
        !script.Contains('\n', StringComparison.Ordinal)
        && (script.EndsWith(".js", StringComparison.Ordinal) || script.EndsWith(".cjs", StringComparison.Ordinal) || script.EndsWith(".mjs", StringComparison.Ordinal));

    private static string NodeDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Libromi.Connect.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "node");
            }
        }

        throw new InvalidOperationException($"No Libromi.Connect.slnx above {AppContext.BaseDirectory}.");
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                // Another test process holds the lock while it installs.
                await Task.Delay(200, cancellationToken);
            }
        }
    }
}
