using System.Globalization;
using System.Security.Cryptography;

namespace AppointEase.Domain.Appointments;

/// <summary>A human-friendly booking reference, APT-{year}-{6 digits}; uniqueness is enforced by the database.</summary>
public static class AppointmentReference
{
    public static string New(int year) =>
        string.Create(CultureInfo.InvariantCulture, $"APT-{year:D4}-{RandomNumberGenerator.GetInt32(0, 1_000_000):D6}");

    public static bool IsWellFormed(string? value) =>
        value is { Length: 15 } && value.StartsWith("APT-", StringComparison.Ordinal) && value[8] == '-'
        && value[4..8].All(char.IsAsciiDigit) && value[9..].All(char.IsAsciiDigit);
}
