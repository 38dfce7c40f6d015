using System.Security.Cryptography;
using System.Text.Json;
using Libromi.Connect.Server.Storage;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Api;

/// <summary>
/// Runs a POST inside one write transaction. With an <c>Idempotency-Key</c> header, a repeat of the same request in the
/// same account answers the first response again and creates nothing; reusing the key for another request is a 422.
/// Only successful responses are remembered: a request that failed stored nothing, so it can be retried with its key.
/// A key is remembered for <see cref="ApiOptions.IdempotencyKeyLifetime"/>; after that the same key runs the request anew,
/// and the purge step <see cref="Retention.IdempotencyKeyPurge"/> deletes the stored response.
/// </summary>
public sealed class Idempotency(Database database, TimeProvider time, IOptions<ApiOptions> options)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    /// <summary>
    /// Runs <paramref name="action"/> in one write scope and commits it when the action answers a success with a value;
    /// any other answer (a problem) leaves the scope to roll back. The success is answered, and remembered, as bytes.
    /// </summary>
    public async Task<IResult> RunAsync(HttpContext http, string accountId, object? request, Func<WriteScope, CancellationToken, Task<IResult>> action)
    {
        var cancellationToken = http.RequestAborted;
        var key = http.Request.Headers[Header].ToString();
        // Only a request with a key is fingerprinted. One that cannot be (it holds text no handler accepts, such as an
        // unpaired surrogate in attributes) runs without its key, to be refused by validation as it would be without one.
        var fingerprint = key.Length > 0 ? Fingerprint(http, request) : null;
        if (fingerprint is null)
        {
            key = "";
        }
        if (key.Length > MaxKeyLength)
        {
            return new ValidationFailed(Header, $"The {Header} header must be at most {MaxKeyLength} characters long.");
        }

        await using var scope = await database.BeginWriteAsync(cancellationToken);
        if (key.Length > 0)
        {
            if (database.Sql.LockKey is { } lockKey)
            {
                // The same key racing on two nodes: the second waits here for the first to finish, then replays its response.
                await using var keyLock = scope.Command(lockKey).With("@lock", accountId + "\n" + key);
                await keyLock.ExecuteNonQueryAsync(cancellationToken);
            }
            var stored = await FindAsync(scope, accountId, key, cancellationToken);
            if (stored is { } first && first.CreatedAt > ExpiredBefore())
            {
                if (first.Fingerprint != fingerprint)
                {
                    return new ValidationFailed(Header, $"This {Header} was already used for a different request. Use a new key for each distinct request.");
                }
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return new JsonBytesResult(first.Response, first.StatusCode);
            }
            if (stored is not null)
            {
                // Expired but not purged yet: the key is free again, and this request takes it over.
                await using var forget = scope.Command("DELETE FROM idempotency_keys WHERE account_id = @a AND key = @k")
                    .With("@a", accountId).With("@k", key);
                await forget.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var result = await action(scope, cancellationToken);
        var answer = (result as INestedHttpResult)?.Result ?? result;
        if (answer is not (IStatusCodeHttpResult { StatusCode: int status and < 400 } and IValueHttpResult { Value: { } value }))
        {
            return result;
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), ApiJson.Options);
        if (key.Length > 0)
        {
            await using var remember = scope.Command("""
                INSERT INTO idempotency_keys (account_id, key, fingerprint, status_code, response, created_at)
                VALUES (@a, @k, @f, @s, @r, @t)
                """).With("@a", accountId).With("@k", key).With("@f", fingerprint).With("@s", status)
                .With("@r", body).With("@t", time.GetUtcNow().ToUnixTimeMilliseconds());
            try
            {
                await remember.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (Exception e) when (database.IsUniqueViolation(e))
            {
                return new ConflictProblem($"Another request with this {Header} is being processed. Retry it to receive its response.");
            }
        }
        await scope.CommitAsync(cancellationToken);
        return new JsonBytesResult(body, status);
    }

    /// <summary>The write scope of the idempotent request being handled (see <see cref="IdempotentEndpoint"/>).</summary>
    public static WriteScope Scope(HttpContext http) =>
        http.Features.Get<WriteScope>() ?? throw new InvalidOperationException("The endpoint is not marked Idempotent(), so it has no write scope.");

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

    private static string? Fingerprint(HttpContext http, object? request)
    {
        byte[] bytes;
        try
        {
            bytes = JsonSerializer.SerializeToUtf8Bytes(request, ApiJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
        return http.Request.Method + " " + http.Request.Path + " " + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
