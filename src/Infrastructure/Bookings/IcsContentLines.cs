using System.Globalization;
using System.Text;

namespace AppointEase.Infrastructure.Bookings;

/// <summary>
/// RFC 5545 content lines into one buffer: CRLF after every line, folded at 75 octets (a fold never splits a UTF-8
/// sequence or a surrogate pair), TEXT values escaped (3.3.11), parameter values quoted when they hold a separator
/// (3.2). Decision 152: about 20 lines per calendar, where Ical.Net's serializer allocated 67 KB per invitation.
/// </summary>
internal sealed class IcsContentLines
{
    private const int MaxOctets = 75;

    private readonly StringBuilder _text = new(1024);
    private readonly StringBuilder _line = new(128);

    /// <summary>A value that is already valid as written: a keyword, a number, a UTC DATE-TIME.</summary>
    public IcsContentLines Raw(string name, string value) => Line(_line.Append(name).Append(':').Append(value));

    /// <summary>A URI value (cal-address, URL): written as it is, minus control characters, which no URI holds.</summary>
    public IcsContentLines Uri(string name, string value, params ReadOnlySpan<(string Name, string Value)> parameters)
    {
        _line.Append(name);
        foreach (var (parameter, parameterValue) in parameters) AppendParameter(parameter, parameterValue);
        _line.Append(':');
        foreach (var c in value)
            if (!char.IsControl(c)) _line.Append(c);
        return Line(_line);
    }

    public IcsContentLines Text(string name, string value)
    {
        _line.Append(name).Append(':');
        AppendEscaped(value);
        return Line(_line);
    }

    public IcsContentLines UtcDateTime(string name, DateTime utc) =>
        Raw(name, DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));

    public override string ToString() => _text.ToString();

    /// <summary>
    /// A parameter value may not hold DQUOTE or control characters even when quoted; these are dropped. One that holds
    /// ':', ';' or ',' is quoted.
    /// </summary>
    private void AppendParameter(string name, string value)
    {
        _line.Append(';').Append(name).Append('=');
        var quoted = value.AsSpan().IndexOfAny(":;,") >= 0;
        if (quoted) _line.Append('"');
        foreach (var c in value)
            if (c != '"' && !char.IsControl(c)) _line.Append(c);
        if (quoted) _line.Append('"');
    }

    /// <summary>Backslash, semicolon and comma escaped; every line break (CRLF, LF or CR) is \n; other controls but TAB dropped.</summary>
    private void AppendEscaped(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\' or ';' or ',':
                    _line.Append('\\').Append(c);
                    break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n') i++;
                    _line.Append("\\n");
                    break;
                case '\n':
                    _line.Append("\\n");
                    break;
                case '\t':
                    _line.Append(c);
                    break;
                default:
                    if (!char.IsControl(c)) _line.Append(c);
                    break;
            }
        }
    }

    /// <summary>Moves the finished line into the text, folding it: CRLF and one space before the octet that would be the 76th.</summary>
    private IcsContentLines Line(StringBuilder line)
    {
        var octets = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]);
            var size = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (octets + size > MaxOctets)
            {
                _text.Append("\r\n ");
                octets = 1;
            }
            _text.Append(c);
            if (pair) _text.Append(line[++i]);
            octets += size;
        }
        _text.Append("\r\n");
        line.Clear();
        return this;
    }
}
