using System.Reflection;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Client.Tests;

public sealed class ClientDependencyTests
{
    [Fact]
    public void The_client_and_the_webhooks_library_it_returns_events_from_load_no_AspNetCore_assembly()
    {
        var loaded = ReferencedClosure(typeof(LibromiClient).Assembly);

        Assert.Contains(typeof(WebhookEvent).Assembly.GetName().Name!, loaded);
        Assert.DoesNotContain(loaded, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    // A console app or a worker service takes every assembly these reference, directly or through another one.
    private static SortedSet<string> ReferencedClosure(Assembly root)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([root]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is { } name && !name.StartsWith("System", StringComparison.Ordinal) && seen.Add(name))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }
        return seen;
    }
}
