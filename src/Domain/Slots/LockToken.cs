using System.Globalization;
using System.Security.Cryptography;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Domain.Slots;

/// <summary>
/// Proof of holding a slot lock: the slot it belongs to plus a 128-bit random secret. Carrying the slot inside the
/// token lets any instance find the lock without a token index, which would live outside the slot's hash tag on a
/// Redis Cluster. Text form: <c>2026-12-01_1000_3_&lt;32 hex&gt;</c> (URL-safe).
/// </summary>
public readonly record struct LockToken(SlotKey Slot, string Secret)
{
    public const int SecretHexLength = 32;

    public static LockToken New(SlotKey slot) =>
        new(slot, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretHexLength / 2)));

    public override string ToString() =>
        $"{Slot.Date:yyyyMMdd}_{Slot.Time:HHmm}_{Slot.EmployeeId.ToString(CultureInfo.InvariantCulture)}_{Secret}";

    public static bool TryParse(string? text, out LockToken token)
    {
        token = default;
        var parts = text?.Split('_');
        if (parts is not { Length: 4 } || parts[3].Length != SecretHexLength || !parts[3].All(char.IsAsciiHexDigitLower))
            return false;
        if (!DateOnly.TryParseExact(parts[0], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !TimeOnly.TryParseExact(parts[1], "HHmm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var employeeId)
            || employeeId <= 0)
            return false;
        token = new LockToken(new SlotKey(date, employeeId, time), parts[3]);
        return true;
    }
}
