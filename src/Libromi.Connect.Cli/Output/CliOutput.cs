using System.Text.Json;
using Libromi.Connect.Client;
using Spectre.Console;

namespace Libromi.Connect.Cli.Output;

/// <summary>
/// Prints results as tables, records or JSON, and problems to the error writer. Tables and colour go only to a terminal;
/// redirected output gets plain tab-separated text, easy to read with grep, cut or awk. Safe to use from several
/// threads, as <c>listen</c> does.
/// </summary>
internal sealed class CliOutput
{
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly IAnsiConsole? _terminal;
    private readonly Lock _lock = new();

    public CliOutput(TextWriter output, TextWriter error, OutputFormat format)
    {
        _output = output;
        _error = error;
        Format = format;
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
        {
            _terminal = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output),
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
            });
        }
    }

    public OutputFormat Format { get; }

    public bool IsJson => Format == OutputFormat.Json;

    /// <summary>Prints <paramref name="value"/> as JSON with <c>--output json</c>, otherwise through <paramref name="readable"/>.</summary>
    public void Show<T>(T value, Action<CliOutput> readable)
    {
        if (IsJson)
        {
            Json(value);
        }
        else
        {
            readable(this);
        }
    }

    public void Json<T>(T value, bool indented = true) => Write(JsonSerializer.Serialize(value, indented ? CliJson.Indented : CliJson.Compact));

    /// <summary>A table of rows; null cells print as empty.</summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        lock (_lock)
        {
            if (_terminal is null)
            {
                _output.WriteLine(string.Join('\t', headers));
                foreach (var row in rows)
                {
                    _output.WriteLine(string.Join('\t', row.Select(c => c ?? "")));
                }
                return;
            }
            var table = new Table().RoundedBorder();
            foreach (var header in headers)
            {
                table.AddColumn(new TableColumn($"[bold]{Markup.Escape(header)}[/]"));
            }
            // Ids are what people copy from a table; wrapping one would break it in two.
            table.Columns[0].NoWrap();
            foreach (var row in rows)
            {
                table.AddRow(row.Select(c => Markup.Escape(c ?? "")).ToArray());
            }
            _terminal.Write(table);
        }
    }

    /// <summary>One item as "name: value" lines.</summary>
    public void Record(IEnumerable<(string Name, string? Value)> fields)
    {
        lock (_lock)
        {
            if (_terminal is null)
            {
                foreach (var (name, value) in fields)
                {
                    _output.WriteLine($"{name}: {value}");
                }
                return;
            }
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            foreach (var (name, value) in fields)
            {
                grid.AddRow($"[grey]{Markup.Escape(name)}[/]", Markup.Escape(value ?? ""));
            }
            _terminal.Write(grid);
        }
    }

    /// <summary>A line of text; <paramref name="style"/> (a Spectre style such as "green") colours it on a terminal.</summary>
    public void Line(string text, string? style = null)
    {
        lock (_lock)
        {
            if (_terminal is null || style is null)
            {
                _output.WriteLine(text);
            }
            else
            {
                _terminal.MarkupLine($"[{style}]{Markup.Escape(text)}[/]");
            }
        }
    }

    /// <summary>A message about the command's progress, on the error writer so that it stays out of piped results.</summary>
    public void Note(string text) => Write(_error, text);

    /// <summary>A warning on the error writer; the command goes on.</summary>
    public void Warning(string text) => Write(_error, "Warning: " + text);

    public void Error(string text) => Write(_error, "Error: " + text);

    /// <summary>The API's problem details, readably: status and title, detail, then each field's errors.</summary>
    public void Problem(LibromiApiException problem)
    {
        var lines = new List<string>
        {
            problem.Status is { } status ? $"Error: {status} {problem.Title}" : $"Error: {problem.Title}",
            "  " + problem.Detail,
        };
        foreach (var (field, messages) in problem.Errors)
        {
            lines.AddRange(messages.Select(m => $"  - {field}: {m}"));
        }
        if (problem.Status == 401)
        {
            lines.Add("  Check --api-key or the LIBROMI_API_KEY environment variable.");
        }
        Write(_error, string.Join(Environment.NewLine, lines));
    }

    private void Write(string text) => Write(_output, text);

    private void Write(TextWriter writer, string text)
    {
        lock (_lock)
        {
            writer.WriteLine(text);
        }
    }
}
