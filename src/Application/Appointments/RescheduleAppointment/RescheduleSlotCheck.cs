using AppointEase.Application.Availability;
using AppointEase.Application.Common;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Appointments.RescheduleAppointment;

/// <summary>
/// May the appointment move to the requested slot: the employee is active and offers its service, the caller holds the
/// slot's lock, and the start is offered and free (the appointment's own cells do not count as taken).
/// </summary>
public sealed class RescheduleSlotCheck(IAppDbContext db, ISlotStateStore slotState, AvailabilityCalculator calculator)
{
    public async Task<Result<BookableSlot>> CheckAsync(Appointment appointment, RescheduleAppointmentCommand command, CancellationToken cancellationToken)
    {
        var employeeId = command.EmployeeId ?? appointment.EmployeeId;
        var service = await db.Services.AsNoTracking().SingleAsync(s => s.Id == appointment.ServiceId, cancellationToken);
        var employee = await db.Employees.AsNoTracking()
            .Where(e => e.Id == employeeId && e.IsActive)
            .Select(e => new { e.Name, Offers = e.Services.Any(s => s.Id == appointment.ServiceId) })
            .FirstOrDefaultAsync(cancellationToken);
        if (employee is null) return BookingErrors.EmployeeNotFound(employeeId);
        if (!employee.Offers) return BookingErrors.ServiceNotOffered;

        var slot = new SlotKey(Formats.ParseDate(command.Date!), employeeId, Formats.ParseTime(command.Time!));
        if (!LockToken.TryParse(command.LockToken, out var token) || token.Slot != slot) return BookingErrors.LockTokenMismatch;
        var held = await slotState.GetLockAsync(slot, cancellationToken);
        if (held is null || !held.IsOwnedBy(token, ClientId.Parse(command.ClientId!))) return BookingErrors.LockNotHeld;

        var grid = await calculator.FindSlotAsync(slot, AvailabilityCalculator.FootprintOf(service), appointment.Id, cancellationToken);
        if (grid is null) return BookingErrors.SlotNotOffered;
        if (grid.Booked) return BookingErrors.SlotTaken;
        return new BookableSlot(service, employee.Name, slot, grid);
    }
}
