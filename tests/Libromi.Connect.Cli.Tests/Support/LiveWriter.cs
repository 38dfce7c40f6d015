using System.Text;

namespace Libromi.Connect.Cli.Tests.Support;

/// <summary>A writer a running command writes to while the test reads it, waiting for what it expects to appear.</summary>
public sealed class LiveWriter : TextWriter
{
    private readonly StringBuilder _text = new();

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

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    /// <summary>Waits until the text written so far satisfies <paramref name="done"/>, and returns it.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!done(Text))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited for {what}; the output so far:\n{Text}");
            }
            await Task.Delay(20);
        }
        return Text;
    }
}
