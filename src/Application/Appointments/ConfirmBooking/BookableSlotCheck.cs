using AppointEase.Application.Availability;
using AppointEase.Application.Common;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;

namespace AppointEase.Application.Appointments.ConfirmBooking;

/// <summary>
/// May this slot be booked now: service and employee active (from the cached catalogue) and matched, nobody else's live
/// hold on it (a token, when given, must be this slot's live hold), the start offered and not booked.
/// </summary>
public sealed class BookableSlotCheck(IScheduleSnapshotProvider snapshots, AvailabilityCalculator calculator, ISlotStateStore slotState,
    AppointEaseMetrics metrics)
{
    public async Task<Result<BookableSlot>> CheckAsync(ConfirmBookingCommand command, CancellationToken cancellationToken)
    {
        var catalogue = await snapshots.GetAsync(cancellationToken);
        if (catalogue.ActiveService(command.ServiceId) is not { } service) return BookingErrors.ServiceNotFound(command.ServiceId);
        if (catalogue.ActiveEmployee(command.EmployeeId) is not { } employee) return BookingErrors.EmployeeNotFound(command.EmployeeId);
        if (!employee.ServiceIds.Contains(command.ServiceId)) return BookingErrors.ServiceNotOffered;

        var slot = new SlotKey(Formats.ParseDate(command.Date!), command.EmployeeId, Formats.ParseTime(command.Time!));
        if (await CheckLockAsync(slot, command.LockToken, cancellationToken) is { } lockError) return lockError;

        var grid = await calculator.FindSlotAsync(slot, AvailabilityCalculator.FootprintOf(service), null, cancellationToken);
        if (grid is null) return BookingErrors.SlotNotOffered;
        // A fast path only: the claims' unique key is what actually prevents a double booking.
        if (grid.Booked) return BookingErrors.SlotTaken;
        return new BookableSlot(service, employee.Name, slot, grid);
    }

    private async Task<Error?> CheckLockAsync(SlotKey slot, string? lockTokenText, CancellationToken cancellationToken)
    {
        LockToken? token = null;
        if (lockTokenText is not null)
        {
            if (!LockToken.TryParse(lockTokenText, out var parsed) || parsed.Slot != slot) return BookingErrors.LockTokenMismatch;
            token = parsed;
        }
        var held = await slotState.GetLockAsync(slot, cancellationToken);
        if (token is null) return held is null ? null : BookingErrors.SlotLocked;
        // The visitor's own hold lapsed before they confirmed (their token is for this slot, but no lock is left).
        if (held is null) metrics.Lock(LockOutcomeTag.Expired);
        return held is not null && held.Secret == token.Value.Secret ? null : BookingErrors.LockNotHeld;
    }
}
