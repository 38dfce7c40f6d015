using System.CommandLine;

namespace Libromi.Connect.Cli.Infrastructure;

/// <summary>What every command of one run shares: the global options, the writers and the clock.</summary>
internal sealed record CliContext(GlobalOptions Options, TextWriter Output, TextWriter Error, TimeProvider Time)
{
    /// <summary>Creates a command whose action runs with an <see cref="Invocation"/> and turns failures into readable messages.</summary>
    public Command Command(string name, string description, Func<Invocation, Task<int>> action, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }
        command.SetAction((parse, cancellationToken) => Invocation.RunAsync(this, parse, action, cancellationToken));
        return command;
    }
}
