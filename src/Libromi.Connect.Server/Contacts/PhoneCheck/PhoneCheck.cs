using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Contacts.PhoneCheck;

/// <summary>
/// The one-off check of contacts stored before phone numbers were read with libphonenumber (they were kept as '+' and
/// their digits). Each number is read again as an international number: one that reads differently in E.164 is
/// rewritten (with <c>apply</c>), without a <c>contact.updated</c> event, since the number it names is the same; one
/// that cannot be a full number keeps its stored digits and is reported; one that would become another contact's
/// number in its account is reported and left alone, not merged. Run it from <c>POST /admin/v1/phone-check</c>.
/// </summary>
public sealed class PhoneCheck(Database database, TimeProvider time)
{
    private const int PageSize = 500;

    public async Task<PhoneCheckReport> RunAsync(bool apply, CancellationToken cancellationToken)
    {
        var normalised = new List<PhoneRewrite>();
        var unparseable = new List<PhoneProblem>();
        var duplicates = new List<PhoneDuplicate>();
        var checkedCount = 0;
        string? after = null;
        while (true)
        {
            List<(string Id, string AccountId, string Phone)> rows;
            await using (var session = await database.OpenSessionAsync(cancellationToken))
            {
                rows = await PhoneCheckStore.PageAsync(session, after, PageSize, cancellationToken);
            }
            if (rows.Count == 0)
            {
                break;
            }
            after = rows[^1].Id;
            checkedCount += rows.Count;
            foreach (var (id, accountId, phone) in rows)
            {
                var validator = new Validator();
                if (PhoneNumber.Validate(validator, "phone", phone, defaultRegion: null) is not { } e164)
                {
                    unparseable.Add(new PhoneProblem(id, accountId, phone, validator.Errors()!["phone"][0]));
                    continue;
                }
                if (e164 == phone)
                {
                    continue;
                }
                await using var scope = await database.BeginWriteAsync(cancellationToken);
                if (await PhoneCheckStore.OwnerAsync(scope, accountId, e164, cancellationToken) is { } other)
                {
                    duplicates.Add(new PhoneDuplicate(id, accountId, phone, e164, other));
                    continue;
                }
                normalised.Add(new PhoneRewrite(id, accountId, phone, e164));
                if (apply)
                {
                    await PhoneCheckStore.SetPhoneAsync(scope, id, e164, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
                    await scope.CommitAsync(cancellationToken);
                }
            }
        }
        return new PhoneCheckReport(checkedCount, apply, normalised, unparseable, duplicates);
    }
}
