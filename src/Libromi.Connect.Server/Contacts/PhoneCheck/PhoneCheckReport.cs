namespace Libromi.Connect.Server.Contacts.PhoneCheck;

/// <summary>
/// What the phone check found in the stored contacts: how many it read, those whose number reads differently in E.164
/// today (changed when <see cref="Applied"/>), those that cannot be read (kept as stored), and those that would become
/// the number of another contact of their account (kept as stored, not merged).
/// </summary>
public sealed record PhoneCheckReport(int Checked, bool Applied, IReadOnlyList<PhoneRewrite> Normalised, IReadOnlyList<PhoneProblem> Unparseable,
    IReadOnlyList<PhoneDuplicate> Duplicates);

public sealed record PhoneRewrite(string ContactId, string AccountId, string From, string To);

public sealed record PhoneProblem(string ContactId, string AccountId, string Phone, string Reason);

public sealed record PhoneDuplicate(string ContactId, string AccountId, string Phone, string Normalised, string SameAs);

/// <summary>Body of <c>POST /admin/v1/phone-check</c>: <c>apply</c> (default false) changes the numbers it can.</summary>
public sealed record PhoneCheckRequest(bool? Apply);
