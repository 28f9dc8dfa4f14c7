using System.Globalization;

namespace AppointEase.Domain.Scheduling;

/// <summary>A slot's identity across stores: a local date, an employee and a local start time on the grid.</summary>
public readonly record struct SlotKey(DateOnly Date, int EmployeeId, TimeOnly Time)
{
    public string DateText => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public string TimeText => Time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The Redis Cluster hash tag shared by every key of one day and employee, e.g. {2026-12-01:3}.</summary>
    public string DayTag => DayKey(Date, EmployeeId);

    public static string DayKey(DateOnly date, int employeeId) =>
        "{" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ":" + employeeId.ToString(CultureInfo.InvariantCulture) + "}";

    public override string ToString() => $"{DateText} {TimeText} employee {EmployeeId}";
}
