using System.Globalization;
using System.Text;

namespace Libromi.Connect.Webhooks.Tests.Json;

/// <summary>
/// Writes random JSON text aimed at the places JavaScript and .NET disagree: every kind of character and
/// escape, numbers of every size and spelling, integer-like keys, duplicates and deep nesting.
/// </summary>
internal sealed class RandomJsonText(int seed)
{
    private static readonly string[] SpecialNumbers =
    [
        "0", "-0", "0.0", "-0.0e5", "1.0", "1E2", "1e21", "1e-7", "0.000001", "1.2345678901234568e20", "123456789012345680000",
        "9007199254740993", "12345678901234567890", "5e-324", "1.7976931348623157e308", "1e400", "-1e-400", "2e-323", "1e+0",
        "0.1", "0.30000000000000004", "100000000000000000000", "1000000000000000000000", "4.35", "1e-6", "1.5e-7", "1E+21",
    ];

    private static readonly string[] SpecialKeys =
    [
        "0", "10", "01", "1", "2", "4294967294", "4294967295", "-1", "1.0", " 1", "length", "__proto__", "constructor", "", "a", "b",
    ];

    private static readonly string[] SpecialText = ["\u2028", "\u2029", "<", ">", "&", "'", "\u007f", "\u00e9", "\u4e2d", "😀", "𝄞", "\ufeff", "\uffff"];

    private readonly Random _random = new(seed);
    private readonly StringBuilder _text = new();

    public static string Create(int seed) => new RandomJsonText(seed).Document();

    private string Document()
    {
        var closers = new Stack<char>();
        var wrappers = _random.Next(10) == 0 ? _random.Next(1, 120) : 0;
        for (var i = 0; i < wrappers; i++)
        {
            var array = _random.Next(2) == 0;
            _text.Append(array ? "[" : "{\"k\":");
            closers.Push(array ? ']' : '}');
        }

        Value(_random.Next(1, 5));
        while (closers.Count > 0)
        {
            _text.Append(closers.Pop());
        }

        return _text.ToString();
    }

    private void Value(int depth)
    {
        Space();
        switch (_random.Next(depth > 0 ? 9 : 6))
        {
            case 0: _text.Append(Pick(["true", "false", "null"])); break;
            case 1 or 2: Number(); break;
            case 3 or 4 or 5: String(key: false); break;
            case 6 or 7: Object(depth - 1); break;
            default: Array(depth - 1); break;
        }

        Space();
    }

    private void Object(int depth)
    {
        _text.Append('{');
        var count = _random.Next(6);
        var keys = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            Space();
            var start = _text.Length;
            String(key: true);
            var key = _text.ToString(start, _text.Length - start);
            if (!keys.Add(key) && _random.Next(4) != 0)
            {
                // Mostly avoid spelled-alike duplicates so most documents are accepted.
                _text.Length = start;
                _text.Append('"').Append(keys.Count).Append("_unique").Append(i).Append('"');
            }

            Space();
            _text.Append(':');
            Value(depth);
        }

        _text.Append('}');
    }

    private void Array(int depth)
    {
        _text.Append('[');
        var count = _random.Next(6);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            Value(depth);
        }

        _text.Append(']');
    }

    private void Number()
    {
        switch (_random.Next(5))
        {
            case 0:
                _text.Append(Pick(SpecialNumbers));
                break;
            case 1:
                _text.Append(Respell(BitConverter.Int64BitsToDouble(_random.NextInt64())));
                break;
            case 2:
                _text.Append(_random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture));
                break;
            case 3:
                _text.Append(Respell(_random.Next(-1000, 1000) / Math.Pow(10, _random.Next(0, 12))));
                break;
            default:
                Literal();
                break;
        }
    }

    /// <summary>A double's round-trip spelling, with exponent case, padding and trailing zeros varied.</summary>
    private string Respell(double value)
    {
        if (!double.IsFinite(value))
        {
            return "0";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (_random.Next(2) == 0 && !text.Contains('E', StringComparison.Ordinal))
        {
            text += text.Contains('.', StringComparison.Ordinal) ? "000" : ".0";
        }

        if (_random.Next(2) == 0)
        {
            text = text.Replace("E+", "e+0", StringComparison.Ordinal).Replace("E-", "e-0", StringComparison.Ordinal);
        }

        return text;
    }

    private void Literal()
    {
        if (_random.Next(4) == 0)
        {
            _text.Append('-');
        }

        if (_random.Next(4) == 0)
        {
            _text.Append('0');
        }
        else
        {
            _text.Append((char)('1' + _random.Next(9)));
            Digits(_random.Next(0, 25));
        }

        if (_random.Next(2) == 0)
        {
            _text.Append('.');
            Digits(_random.Next(1, 25));
        }

        if (_random.Next(2) == 0)
        {
            _text.Append(Pick(["e", "E"])).Append(Pick(["", "+", "-"]));
            _text.Append(_random.Next(0, 400));
        }
    }

    private void Digits(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _text.Append((char)('0' + _random.Next(10)));
        }
    }

    private void String(bool key)
    {
        if (key && _random.Next(3) == 0)
        {
            _text.Append('"').Append(Pick(SpecialKeys)).Append('"');
            return;
        }

        _text.Append('"');
        var length = _random.Next(key ? 8 : 16);
        for (var i = 0; i < length; i++)
        {
            Character();
        }

        _text.Append('"');
    }

    private void Character()
    {
        var kind = _random.Next(10);
        var text = kind switch
        {
            0 => ((char)_random.Next(0, 0x20)).ToString(),
            1 => Pick(["\"", "\\", "/"]),
            2 => Pick(SpecialText),
            3 => char.ConvertFromUtf32(_random.Next(0x10000, 0x110000)),
            4 => ((char)_random.Next(0x80, 0xD800)).ToString(),
            5 when _random.Next(20) == 0 => ((char)_random.Next(0xD800, 0xE000)).ToString(),
            _ => ((char)_random.Next(0x20, 0x7F)).ToString(),
        };
        // A pair is escaped whole or not at all; a lone surrogate can only be written as an escape.
        var escapeAll = text.Length == 1 ? char.IsSurrogate(text[0]) : _random.Next(4) == 0;
        foreach (var c in text)
        {
            Emit(c, forceEscape: escapeAll, mayEscape: text.Length == 1);
        }
    }

    /// <summary>Writes one UTF-16 unit, escaped when JSON requires it or, sometimes, when it merely may be.</summary>
    private void Emit(char c, bool forceEscape, bool mayEscape)
    {
        var mustEscape = c < 0x20 || c == '"' || c == '\\' || forceEscape;
        if (!mustEscape && (!mayEscape || _random.Next(8) != 0))
        {
            _text.Append(c);
            return;
        }

        var shortForm = c switch { '"' => "\\\"", '\\' => "\\\\", '/' => "\\/", '\b' => "\\b", '\f' => "\\f", '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ => null };
        if (shortForm is not null && _random.Next(2) == 0)
        {
            _text.Append(shortForm);
            return;
        }

        var hex = ((int)c).ToString(_random.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture);
        _text.Append("\\u").Append(hex);
    }

    private void Space()
    {
        if (_random.Next(6) == 0)
        {
            _text.Append(Pick([" ", "\t", "\n", "\r\n", "  "]));
        }
    }

    private string Pick(string[] options) => options[_random.Next(options.Length)];
}
