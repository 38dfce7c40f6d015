using System.Security.Cryptography;
using System.Text.Json;
using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Storage;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Api;

/// <summary>
/// Runs a POST inside one write transaction. With an <c>Idempotency-Key</c> header, a repeat of the same request in the
/// same account answers the first response again and creates nothing; reusing the key for another request is a 422.
/// Only successful responses are remembered: a request that failed stored nothing, so it can be retried with its key.
/// A key is remembered for <see cref="ApiOptions.IdempotencyKeyLifetime"/>; after that the same key runs the request anew,
/// and <see cref="IdempotencyKeyPurge"/> deletes the stored response.
/// </summary>
public sealed class Idempotency(Database database, TimeProvider time, IOptions<ApiOptions> options)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    public async Task<IResult> RunAsync(HttpContext http, Caller caller, object? request, int successStatus,
        Func<WriteScope, CancellationToken, Task<object>> action)
    {
        var cancellationToken = http.RequestAborted;
        var key = http.Request.Headers[Header].ToString();
        if (key.Length > MaxKeyLength)
        {
            throw ApiException.Validation(Header, $"The {Header} header must be at most {MaxKeyLength} characters long.");
        }
        var fingerprint = Fingerprint(http, request);

        await using var scope = await database.BeginWriteAsync(cancellationToken);
        if (key.Length > 0)
        {
            if (database.Sql.LockKey is { } lockKey)
            {
                // The same key racing on two nodes: the second waits here for the first to finish, then replays its response.
                await using var keyLock = scope.Command(lockKey).With("@lock", caller.AccountId + "\n" + key);
                await keyLock.ExecuteNonQueryAsync(cancellationToken);
            }
            var stored = await FindAsync(scope, caller.AccountId, key, cancellationToken);
            if (stored is { } first && first.CreatedAt > ExpiredBefore())
            {
                if (first.Fingerprint != fingerprint)
                {
                    throw ApiException.Validation(Header,
                        $"This {Header} was already used for a different request. Use a new key for each distinct request.");
                }
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return new JsonBytesResult(first.Response, first.StatusCode);
            }
            if (stored is not null)
            {
                // Expired but not purged yet: the key is free again, and this request takes it over.
                await using var forget = scope.Command("DELETE FROM idempotency_keys WHERE account_id = @a AND key = @k")
                    .With("@a", caller.AccountId).With("@k", key);
                await forget.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(await action(scope, cancellationToken), ApiJson.Options);
        if (key.Length > 0)
        {
            await using var remember = scope.Command("""
                INSERT INTO idempotency_keys (account_id, key, fingerprint, status_code, response, created_at)
                VALUES (@a, @k, @f, @s, @r, @t)
                """).With("@a", caller.AccountId).With("@k", key).With("@f", fingerprint).With("@s", successStatus)
                .With("@r", body).With("@t", time.GetUtcNow().ToUnixTimeMilliseconds());
            try
            {
                await remember.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (Exception e) when (database.IsUniqueViolation(e))
            {
                throw ApiException.Conflict($"Another request with this {Header} is being processed. Retry it to receive its response.");
            }
        }
        await scope.CommitAsync(cancellationToken);
        return new JsonBytesResult(body, successStatus);
    }

    /// <summary>Keys created at or before this unix-millisecond time have expired.</summary>
    public long ExpiredBefore() => (time.GetUtcNow() - options.Value.IdempotencyKeyLifetime).ToUnixTimeMilliseconds();

    private static async Task<StoredResponse?> FindAsync(WriteScope scope, string accountId, string key, CancellationToken cancellationToken)
    {
        await using var find = scope.Command("SELECT fingerprint, status_code, response, created_at FROM idempotency_keys WHERE account_id = @a AND key = @k")
            .With("@a", accountId).With("@k", key);
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredResponse(reader.GetString(0), reader.GetInt32(1), (byte[])reader.GetValue(2), reader.GetInt64(3))
            : null;
    }

    private sealed record StoredResponse(string Fingerprint, int StatusCode, byte[] Response, long CreatedAt);

    private static string Fingerprint(HttpContext http, object? request)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(request, ApiJson.Options);
        return http.Request.Method + " " + http.Request.Path + " " + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
