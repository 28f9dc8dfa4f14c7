namespace AppointEase.Application.Admin.Settings;

internal static class TimeZones
{
    public static bool IsKnown(string? id) => !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    /// <summary>Stores IANA ids only (the public API shows them), converting a Windows id an admin may have typed.</summary>
    public static string ToIana(string id) =>
        TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana) ? iana : id;
}
