using System.CommandLine;

namespace Libromi.Connect.Cli.Infrastructure;

/// <summary>Options and arguments several commands take, made fresh for each command that takes them.</summary>
internal static class CommonOptions
{
    public static Option<int> Limit() => new("--limit")
    {
        Description = "The most items to print, newest first. Default: 20.",
        DefaultValueFactory = _ => 20,
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError("--limit must be at least 1.");
                }
            },
        },
    };

    public static Argument<string> Id(string what, string prefix) => new("id") { Description = $"The {what}'s id ({prefix}_…)." };
}
