using Libromi.Connect.Server.Delivery.Transports.Egress;

namespace Libromi.Connect.Server.Tests.Delivery.Transports.Egress;

public sealed class NoProxyListTests
{
    [Theory]
    [InlineData("hooks.example.com", "hooks.example.com", true)]
    [InlineData("hooks.example.com", "HOOKS.Example.com.", true)]
    [InlineData("hooks.example.com", "a.hooks.example.com", false)]
    [InlineData(".example.com", "hooks.example.com", true)]
    [InlineData(".example.com", "a.b.example.com", true)]
    [InlineData(".example.com", "example.com", false)]
    [InlineData("*.example.com", "hooks.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "badexample.com", false)]
    [InlineData(" internal.corp , 10.0.0.5 ", "10.0.0.5", true)]
    [InlineData("[::1]", "::1", true)]
    [InlineData("*", "anything.at.all", true)]
    [InlineData("", "hooks.example.com", false)]
    public void An_entry_matches_its_host_or_with_a_leading_dot_or_star_the_names_under_it(string setting, string host, bool bypassed)
    {
        Assert.Equal(bypassed, NoProxyList.Parse(setting).Matches(host));
    }
}
