using System.Security.Cryptography;

namespace Libromi.Connect.Server.Storage;

/// <summary>
/// Creates public ids such as <c>con_01JD…</c>: a prefix and a ULID (48-bit millisecond time, 80 random bits, Crockford
/// base32). Ids from one process sort in creation order, which is what cursor pagination walks.
/// </summary>
public sealed class IdGenerator(TimeProvider time)
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private readonly Lock _gate = new();
    private long _lastMs = -1;
    private ushort _randomHigh;
    private ulong _randomLow;

    public string New(string prefix)
    {
        long ms;
        ushort high;
        ulong low;
        lock (_gate)
        {
            ms = time.GetUtcNow().ToUnixTimeMilliseconds();
            if (ms <= _lastMs)
            {
                // Same millisecond (or a clock step back): count up so ids stay strictly increasing.
                ms = _lastMs;
                if (++_randomLow == 0)
                {
                    _randomHigh++;
                }
            }
            else
            {
                Span<byte> random = stackalloc byte[10];
                RandomNumberGenerator.Fill(random);
                _randomHigh = BitConverter.ToUInt16(random);
                _randomLow = BitConverter.ToUInt64(random[2..]) >> 1;
                _lastMs = ms;
            }
            high = _randomHigh;
            low = _randomLow;
        }
        return string.Create(prefix.Length + 1 + 26, (prefix, ms, high, low), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            span[state.prefix.Length] = '_';
            var ulid = span[(state.prefix.Length + 1)..];
            var time = (ulong)state.ms;
            for (var i = 9; i >= 0; i--)
            {
                ulid[i] = Alphabet[(int)(time & 31)];
                time >>= 5;
            }
            // 80 random bits = 16 base32 digits: low 64 bits then the high 16.
            var value = new UInt128(state.high, state.low);
            for (var i = 25; i >= 10; i--)
            {
                ulid[i] = Alphabet[(int)(value & 31)];
                value >>= 5;
            }
        });
    }
}
