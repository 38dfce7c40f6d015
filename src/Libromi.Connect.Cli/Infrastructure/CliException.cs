namespace Libromi.Connect.Cli.Infrastructure;

/// <summary>A problem with what the user asked for, printed as it is, without a stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);
