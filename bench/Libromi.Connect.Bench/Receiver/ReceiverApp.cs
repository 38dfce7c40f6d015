using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Bench.Receiver;

/// <summary>
/// The minimal receiver, run as its own process: Kestrel on several loopback addresses (so each address gets its own
/// connection pool in the sender, as distinct customer hosts would). <c>/ok/*</c> answers 200, <c>/fail/*</c> 500,
/// <c>/hang/*</c> never answers. It reads every body completely and notes when a body carrying a latency marker arrived:
/// on the monotonic clock (to pair with the driver's acknowledgement) and on the wall clock (to compare with the event's
/// <c>created_at</c>, which the server stamps from its wall clock on the same machine).
/// </summary>
public static class ReceiverApp
{
    private static readonly byte[] Marker = "lat-"u8.ToArray();

    public static async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var port = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
        var addresses = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            for (var i = 1; i <= addresses; i++)
            {
                k.Listen(IPAddress.Parse($"127.0.0.{i}"), port);
            }
        });
        var app = builder.Build();
        var counts = new ReceiverCounts();
        app.MapGet("/_stats", () => counts.Snapshot());
        app.MapPost("/_reset", () => counts.Reset());
        app.MapGet("/_arrivals", () => Results.Text(counts.TakeArrivals()));
        app.MapPost("/ok/{n}", async (HttpContext context) =>
        {
            var (marker, createdAtMs) = await ReadAsync(context.Request);
            var timestamp = Stopwatch.GetTimestamp();
            var arrivedAtMs = (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerMillisecond;
            counts.Ok(new Arrival(marker, timestamp, createdAtMs, arrivedAtMs));
            return Results.Ok();
        });
        app.MapPost("/fail/{n}", async (HttpContext context) =>
        {
            await ReadAsync(context.Request);
            counts.Fail();
            return Results.StatusCode(500);
        });
        app.MapPost("/hang/{n}", async (HttpContext context) =>
        {
            await ReadAsync(context.Request);
            counts.Hang();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.Empty;
        });
        await app.StartAsync(cancellationToken);
        Console.WriteLine("receiver ready");
        await app.WaitForShutdownAsync(cancellationToken);
    }

    /// <summary>Reads the whole body; returns the latency marker number it carries (or -1) and, for a marked body, its event's <c>created_at</c>.</summary>
    private static async Task<(long Marker, long CreatedAtMs)> ReadAsync(HttpRequest request)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var length = 0;
            int n;
            while ((n = await request.Body.ReadAsync(buffer.AsMemory(length))) > 0)
            {
                length += n;
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
            }
            var body = buffer.AsSpan(0, length);
            var marker = FindMarker(body);
            return (marker, marker < 0 ? 0 : CreatedAtMs(body));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static long FindMarker(ReadOnlySpan<byte> body)
    {
        var at = body.IndexOf(Marker);
        if (at < 0)
        {
            return -1;
        }
        long value = 0;
        foreach (var b in body[(at + Marker.Length)..])
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                break;
            }
            value = (value * 10) + (b - '0');
        }
        return value;
    }

    /// <summary>The envelope's own <c>created_at</c> (depth 1, not the contact's or the message's) as Unix ms, or 0.</summary>
    private static long CreatedAtMs(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    var isCreatedAt = reader.ValueTextEquals("created_at"u8);
                    reader.Read();
                    if (isCreatedAt)
                    {
                        return reader.TryGetDateTimeOffset(out var createdAt) ? createdAt.ToUnixTimeMilliseconds() : 0;
                    }
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not an envelope: no created_at to compare with.
        }
        return 0;
    }

    internal static string Format(IEnumerable<Arrival> arrivals)
    {
        var text = new StringBuilder();
        foreach (var a in arrivals)
        {
            text.Append(a.Marker).Append(' ').Append(a.Timestamp).Append(' ').Append(a.CreatedAtMs).Append(' ')
                .Append(a.ArrivedAtMs.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        return text.ToString();
    }
}
