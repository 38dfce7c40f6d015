namespace Libromi.Connect.Server.Tests.Storage.Text;

public sealed class SqliteTextAgreementTests : TextAgreementTests
{
    protected override Task<Dictionary<string, string?>?> StoreSettingsAsync() => Task.FromResult<Dictionary<string, string?>?>([]);
}
