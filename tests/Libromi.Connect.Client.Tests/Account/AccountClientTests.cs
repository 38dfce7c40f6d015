using Libromi.Connect.Client.Tests.Support;

namespace Libromi.Connect.Client.Tests.Account;

public sealed class AccountClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_default_region_lets_contacts_be_created_with_national_numbers_and_null_removes_it()
    {
        var client = await fixture.NewClientAsync();

        var before = await client.Account.GetAsync();
        var refused = await Assert.ThrowsAsync<LibromiApiException>(() => client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "07700 900123" }));
        var set = await client.Account.SetDefaultRegionAsync("GB");
        var ada = await client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "07700 900123" });
        var cleared = await client.Account.SetDefaultRegionAsync(null);
        var unknown = await Assert.ThrowsAsync<LibromiApiException>(() => client.Account.SetDefaultRegionAsync("XX"));

        Assert.Null(before.DefaultRegion);
        Assert.StartsWith("acc_", before.Id, StringComparison.Ordinal);
        Assert.Equal((422, "phone"), (refused.Status, Assert.Single(refused.Errors.Keys)));
        Assert.Equal("GB", set.DefaultRegion);
        Assert.Equal(("+447700900123", "+44 7700 900123"), (ada.Phone, ada.PhoneFormatted));
        Assert.Null(cleared.DefaultRegion);
        Assert.Equal((422, "default_region"), (unknown.Status, Assert.Single(unknown.Errors.Keys)));
    }
}
