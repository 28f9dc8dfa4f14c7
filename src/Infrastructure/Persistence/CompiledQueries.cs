using System.Runtime.CompilerServices;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// The hot path's queries, compiled once (decision 144). EF Core binds a compiled query to the model it first ran on and
/// refuses another, and the SQLite and MariaDB contexts have one model each (both may run in one process, as the tests
/// do): so one compiled delegate per model.
/// </summary>
internal static class CompiledQueries
{
    private static readonly ConditionalWeakTable<IModel, Func<AppDbContext, int, DateTime, DateTime, int, IAsyncEnumerable<ConfirmedBooking>>>
        ConfirmedBookingsByModel = [];

    public static IAsyncEnumerable<ConfirmedBooking> ConfirmedBookings(AppDbContext db, int employeeId, DateTime startUtc, DateTime endUtc,
        int exceptAppointmentId) =>
        ConfirmedBookingsByModel.GetValue(db.Model, static _ => EF.CompileAsyncQuery(
                (AppDbContext context, int employeeId, DateTime startUtc, DateTime endUtc, int exceptAppointmentId) =>
                    from a in context.Set<Appointment>().AsNoTracking()
                    where a.EmployeeId == employeeId && a.Status == AppointmentStatus.Confirmed && a.StartUtc < endUtc && a.EndUtc > startUtc
                          && a.Id != exceptAppointmentId
                    join s in context.Set<Service>().AsNoTracking() on a.ServiceId equals s.Id
                    select new ConfirmedBooking(a.StartUtc, a.EndUtc, s.BufferBeforeMinutes, s.BufferAfterMinutes)))
            (db, employeeId, startUtc, endUtc, exceptAppointmentId);
}
