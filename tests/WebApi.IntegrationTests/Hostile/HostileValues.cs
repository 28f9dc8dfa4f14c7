using System.Globalization;

namespace AppointEase.WebApi.IntegrationTests.Hostile;

/// <summary>The values issue 16 lists, grouped by what they attack. Raw JSON text, so a value can be any JSON type.</summary>
public static class HostileValues
{
    public const int OneMegabyte = 1024 * 1024;

    /// <summary>Integer-as-text that no 32-bit parameter can hold or parse: ±2^31 beyond range, ±2^63 and beyond, fractions, words.</summary>
    public static readonly string[] UnparsableIntegers =
    [
        "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "99999999999999999999999999999", "1.5", "1e3", "0x10", "abc", "true", "null", "{}", "[1]", "１", "1 2", "--1",
    ];

    /// <summary>Integers that parse but sit at the edges: the app must answer them with a 4xx or a normal answer, never a 5xx.</summary>
    public static readonly string[] EdgeIntegers = ["-2147483648", "2147483647", "0", "-1"];

    /// <summary>JSON numbers a 32-bit field cannot hold (each is an overflow or a fraction), plus wrong JSON types.</summary>
    public static readonly string[] NotAnInt32Json =
    [
        "2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809", "1e400", "1.5", "\"abc\"", "\"\"", "true", "{}", "[]", "[1]", "null",
    ];

    public static readonly string[] NotAStringJson = ["0", "-1", "2147483648", "1.5", "true", "false", "{}", "{\"a\":\"b\"}", "[]", "[\"a\"]"];
    public static readonly string[] NotAnArrayJson = ["\"a\"", "1", "true", "{}", "{\"0\":1}"];
    public static readonly string[] NotAnObjectJson = ["\"a\"", "1", "true", "[]", "[{}]"];
    public static readonly string[] NotABooleanJson = ["\"true\"", "1", "0", "{}", "[]", "null"];

    /// <summary>Dates that are out of any sensible range or not dates at all.</summary>
    public static readonly string[] BadDates =
    [
        "0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "2026-00-10", "10000-01-01", "-0001-01-01", "31.12.2026", "2026/12/31",
        "2026-12-31T25:00:00", "", " ", "tomorrow",
    ];

    /// <summary>Extreme but well-formed dates; a filter may accept them, a booking must not.</summary>
    public static readonly string[] ExtremeDates = ["0001-01-01", "9999-12-31"];

    public static readonly string[] BadTimes = ["24:00", "23:60", "-01:00", "25:00", "10:61", "24:01", "9999:00", "10:00:00.5", "1:00pm", "noon", "", " "];

    /// <summary>Strings that are odd but not necessarily wrong: the answer must simply not be a 5xx.</summary>
    public static readonly string[] OddStrings =
    [
        "\u0000", "a\u0000b", "\u0001\u0002\u0007\u001b[31m", "line\r\nX-Injected: 1", "\t\v\f", "\u007f\u0085\u2028\u2029",
        "😀", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎𠜱", "\ud83d", "\u202eevil", "a\u200bb", "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd",
        "%00%0d%0a", "${jndi:ldap://x}", new string('x', 5000), "   ",
    ];

    /// <summary>Header values: 10 KB, broken entity tags, wrong auth schemes, binary-looking junk (all ASCII, so they can be sent).</summary>
    public static readonly string[] GarbageHeaderValues =
    [
        new string('k', 10 * 1024), "\"unterminated", "W/", "W/\"", "*, \"a\", garbage", "\"a\" \"b\"", ",,,,", "Bearer", "Bearer ",
        "Basic !!!", "Bearer " + new string('A', 6000), "-1", "99999999999999999999999", "' OR 1=1 --", "%00", "\u0001\u0002",
    ];

    public static readonly string[] HostileHeaderNames = ["Idempotency-Key", "If-None-Match", "If-Match", "Authorization", "Last-Event-ID"];

    public static readonly string[] InvalidJsonBodies =
    [
        "{", "}", "{\"a\":", "{\"a\" 1}", "{'a':1}", "{\"a\":NaN}", "{\"a\":1,}", "{\"a\":1} trailing", "{/*c*/}", "\u0000", "[",
        "{\"a\":\"\\uZZZZ\"}", "{\"a\":\"\u0001\"}", Nested(64),
    ];

    /// <summary>JSON documents of the wrong shape for an object body.</summary>
    public static readonly string[] WrongRootBodies = ["[]", "[{}]", "\"text\"", "1", "true", "null", ""];

    public static readonly string?[] WrongContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx",
        "garbage", "json", null,
    ];

    /// <summary>
    /// The values issue 16 names: objects, arrays, numbers, booleans where a string belongs and text where a number does,
    /// 1 MB strings and over-limit bodies (sizes), control and non-BMP characters, extreme dates, impossible times,
    /// integers at ±2^31, ±2^63 and beyond, broken JSON, a wrong Content-Type and 10 KB header values.
    /// </summary>
    private static readonly HashSet<string> ListedValues =
    [
        "{}", "[]", "0", "true", "\"abc\"", "\"a\"", "1",
        OneMegabyte.ToString(CultureInfo.InvariantCulture), (70 * 1024).ToString(CultureInfo.InvariantCulture),
        "\u0001\u0002\u0007\u001b[31m", "😀", "0001-01-01", "9999-12-31", "24:00", "23:60", "-01:00",
        "2147483648", "-2147483649", "-2147483648", "9223372036854775808", "-9223372036854775809", "99999999999999999999999999999",
        "{", "text/plain", new string('k', 10 * 1024), "\"unterminated",
    ];

    public static bool IsListed(string? value) => value is not null && ListedValues.Contains(value);

    public static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    public static string DaysAhead(int days) => DateTime.UtcNow.Date.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
