namespace Libromi.Connect.Cli.Output;

/// <summary>How results are printed: <c>--output table|json</c>.</summary>
internal enum OutputFormat
{
    /// <summary>For people: tables with colour on a terminal, plain tab-separated text when redirected.</summary>
    Table,

    /// <summary>For programs: the API's JSON, snake_case as the API writes it.</summary>
    Json,
}
