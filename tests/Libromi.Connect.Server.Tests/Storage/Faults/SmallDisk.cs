using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Storage.Faults;

/// <summary>
/// A real, small file system (tmpfs of a few MiB) that a test can fill to the last byte and free again. Mounting needs
/// root, as CI runs; elsewhere <see cref="TryMountAsync"/> returns null and the test is skipped with the reason.
/// </summary>
internal sealed class SmallDisk : IAsyncDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    private string FillerPath => System.IO.Path.Combine(Path, "filler");

    public static async Task<SmallDisk?> TryMountAsync(int megabytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "libromi-disk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        if (await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path) == 0)
        {
            return new SmallDisk(path);
        }
        Directory.Delete(path);
        return null;
    }

    public const string Unavailable = "Mounting a small tmpfs failed (the full-disk tests need root, as in CI).";

    /// <summary>Writes a file until the file system has no byte left.</summary>
    public async Task FillAsync()
    {
        var block = new byte[64 * 1024];
        await using var filler = new FileStream(FillerPath, FileMode.Append, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true)
            {
                await filler.WriteAsync(block);
                await filler.FlushAsync();
            }
        }
        catch (IOException)
        {
            // No space left on device: exactly what was wanted. Top up byte by byte.
        }
        try
        {
            while (true)
            {
                await filler.WriteAsync(block.AsMemory(0, 1));
                await filler.FlushAsync();
            }
        }
        catch (IOException)
        {
        }
    }

    public void Free() => File.Delete(FillerPath);

    /// <summary>A new, empty folder on the disk owned by <paramref name="user"/>, as a server running as that user needs it.</summary>
    public async Task<string> FolderForAsync(string user)
    {
        var folder = System.IO.Path.Combine(Path, user);
        Directory.CreateDirectory(folder);
        await RunAsync("chown", $"{user}:", folder);
        return folder;
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<int> RunAsync(string command, params string[] arguments)
    {
        try
        {
            return (await ChildProcess.RunAsync(command, arguments)).ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
