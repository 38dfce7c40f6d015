using System.Globalization;
using System.Security.Cryptography;
using Libromi.Connect.Client;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Cli.Trigger;

/// <summary>The contacts <c>libromi trigger</c> acts with, on numbers from the range reserved for fiction (+1 555 01xx …).</summary>
internal static class TestContact
{
    /// <summary>The one test contact that inbound messages come from and messages go to.</summary>
    public const string Phone = "+15555550100";

    public const string Name = "Libromi test contact";

    /// <summary>A number no contact has yet, so that creating one emits contact.created every time.</summary>
    public static string UniquePhone() =>
        "+1555" + RandomNumberGenerator.GetInt32(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>The test contact, created on first use.</summary>
    public static async Task<Contact> EnsureAsync(LibromiClient client, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Contacts.CreateAsync(new() { Name = Name, Phone = Phone }, cancellationToken);
        }
        catch (LibromiApiException e) when (e.Status == 409)
        {
            // The API has no lookup by phone; the test contact was made by an earlier trigger, so it is usually near the top.
            await foreach (var contact in client.Contacts.ListAsync(100, cancellationToken))
            {
                if (contact.Phone == Phone)
                {
                    return contact;
                }
            }
            throw;
        }
    }
}
