using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace AppointEase.Application.Admin.Appointments;

/// <summary>
/// Keyset position (start instant, id) of the last row of a page, plus the sort it belongs to. Opaque to clients
/// (base64url), so its format can change; rows added before the position never shift later pages (no gaps, no repeats).
/// </summary>
public sealed record AppointmentCursor(DateTime StartUtc, int Id, bool Descending)
{
    private const string Prefix = "a1";

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}|{StartUtc.Ticks}|{Id}|{(Descending ? "d" : "a")}")));

    public static bool TryDecode(string? text, out AppointmentCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 200) return false;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|');
            if (parts.Length != 4 || parts[0] != Prefix) return false;
            if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
            if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
            if (parts[3] is not ("a" or "d")) return false;
            cursor = new AppointmentCursor(new DateTime(ticks, DateTimeKind.Utc), id, parts[3] == "d");
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
