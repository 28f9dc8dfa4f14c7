using AppointEase.Application.Availability;
using AppointEase.Application.Common;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Application.Slots;

/// <summary>
/// The checks every slot use case shares, after the validator has vouched for the formats: the employee exists, and
/// (for select and lock) the start is offered and not booked. Expected failures come back as errors naming the field.
/// </summary>
public sealed class SlotGuard(
    IScheduleSnapshotProvider snapshots,
    ScheduleReader scheduleReader,
    DayBookings dayBookings,
    ISettingsProvider settings,
    TimeProvider clock)
{
    public async Task<Error?> EmployeeExistsAsync(int employeeId, CancellationToken cancellationToken) =>
        (await snapshots.GetAsync(cancellationToken)).EmployeeIsActive(employeeId)
            ? null
            : new Error(ErrorKind.NotFound, "employee_not_found", $"No active employee with id {employeeId}.", "employeeId");

    /// <summary>A date outside today..horizon is a 422 on date (heartbeats and holds only make sense for bookable days).</summary>
    public async Task<Error?> DateInRangeAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var policy = (await settings.GetAsync(cancellationToken)).Policy;
        var now = clock.GetUtcNow();
        if (date < policy.Today(now))
            return Error.Invalid("date", "date_in_past", "date is in the past.");
        if (date > policy.LastBookableDate(now))
            return Error.Invalid("date", "date_beyond_horizon", $"date is more than {policy.BookingHorizonDays} days ahead.");
        return null;
    }

    /// <summary>
    /// The slot may be held: employee known, date bookable, start offered (grid, hours, notice), not booked. Offered comes
    /// from the cached catalogue and booked from <see cref="DayBookings"/>, so a warm select or lock runs no SQL. The
    /// booking itself re-checks everything in its SQL transaction; this guard only spares a visitor a doomed hold.
    /// </summary>
    public async Task<Result<SlotKey>> HoldableAsync(string date, int employeeId, string time, CancellationToken cancellationToken)
    {
        if (await EmployeeExistsAsync(employeeId, cancellationToken) is { } missing) return missing;
        var key = new SlotKey(Formats.ParseDate(date), employeeId, Formats.ParseTime(time));
        if (await DateInRangeAsync(key.Date, cancellationToken) is { } outOfRange) return outOfRange;
        var policy = (await settings.GetAsync(cancellationToken)).Policy;
        if (!await IsOfferedAsync(policy, key, cancellationToken))
            return Error.Invalid("time", "slot_not_offered", $"{key.TimeText} on {key.DateText} is not an offered start for this employee.");
        if ((await dayBookings.GetAsync(policy, key.Date, key.EmployeeId, cancellationToken)).BookedStarts.Contains(key.Time))
            return new Error(ErrorKind.Conflict, "slot_booked", $"{key.TimeText} on {key.DateText} is already booked.", "time");
        return key;
    }

    private async Task<bool> IsOfferedAsync(SchedulingPolicy policy, SlotKey key, CancellationToken cancellationToken)
    {
        if (!policy.IsOnGrid(key.Time)) return false;
        var plan = await scheduleReader.DayWithoutBookingsAsync(policy, key.EmployeeId, key.Date, cancellationToken);
        return SlotGrid.Find(policy, policy.OneGridStep, plan, clock.GetUtcNow(), key.Time) is not null;
    }
}
