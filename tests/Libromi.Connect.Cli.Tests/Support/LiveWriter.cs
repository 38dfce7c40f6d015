using System.Text;

namespace Libromi.Connect.Cli.Tests.Support;

/// <summary>A writer a running command writes to while the test reads it, waiting for what it expects to appear.</summary>
public sealed class LiveWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private TaskCompletionSource _written = NewSignal();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value) => Append(value);

    /// <summary>
    /// Waits until the text written so far satisfies <paramref name="done"/>, and returns it; checked again at every write.
    /// <paramref name="timeout"/> (default 30 s) only guards against a command that hangs.
    /// </summary>
    public async Task<string> WaitForAsync(Func<string, bool> done, string what, TimeSpan? timeout = null)
    {
        using var hang = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task written;
            string text;
            lock (_text)
            {
                text = _text.ToString();
                written = _written.Task;
            }
            if (done(text))
            {
                return text;
            }
            try
            {
                await written.WaitAsync(hang.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited for {what}; the output so far:\n{Text}");
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Append(string? value)
    {
        TaskCompletionSource written;
        lock (_text)
        {
            _text.Append(value);
            written = _written;
            _written = NewSignal();
        }
        written.SetResult();
    }
}
