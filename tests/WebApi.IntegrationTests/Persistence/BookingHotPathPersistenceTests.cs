using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Common;
using AppointEase.Infrastructure.Persistence;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Persistence;

/// <summary>
/// The two persistence shortcuts of the confirm's hot path (decision 144), on both providers in one process (the
/// compiled query is bound to a model, and each provider's context has its own): the day's bookings as a compiled query
/// answer what the LINQ query answered, and a save of added entities skips change detection, so it saves what was
/// added and nothing that was modified.
/// </summary>
public sealed class BookingHotPathPersistenceTests
{
    private static readonly DateTime Day = new(2031, 3, 4, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.MariaDb)]
    public async Task ConfirmedBookings_AreTheEmployeesConfirmedOverlappingAppointments_WithTheirServicesBuffers(DatabaseKind database)
    {
        await using var app = new AppFactory(database);
        var (service, employee, other) = await CatalogueAsync(app);
        Appointment first = null!, second = null!;
        await app.WithDbAsync(async db =>
        {
            first = Booking(service.Id, employee, Day.AddHours(9));
            second = Booking(service.Id, employee, Day.AddHours(10));
            var cancelled = Booking(service.Id, employee, Day.AddHours(11));
            cancelled.Cancel(Day);
            db.Appointments.AddRange(first, second, cancelled, Booking(service.Id, other, Day.AddHours(9)), Booking(service.Id, employee, Day.AddDays(2)));
            await db.SaveAddedAsync();
        });

        await app.WithDbAsync(async db =>
        {
            var expected = new[] { first, second }.Select(a => new ConfirmedBooking(a.StartUtc, a.EndUtc, service.BufferBeforeMinutes, service.BufferAfterMinutes));
            Assert.Equal(expected, await RowsAsync(db, employee, Day, Day.AddDays(1), 0));
            Assert.Equal(expected.Skip(1), await RowsAsync(db, employee, Day, Day.AddDays(1), first.Id));
            // Overlap, not containment: a window ending inside the first booking still finds it.
            Assert.Equal(expected.Take(1), await RowsAsync(db, employee, Day.AddHours(8), Day.AddHours(9).AddMinutes(1), 0));
            Assert.Empty(await RowsAsync(db, employee, Day.AddDays(1), Day.AddDays(2), 0));
        });
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.MariaDb)]
    public async Task SaveAdded_SavesWhatWasAdded_NotWhatWasModified_AndLeavesChangeDetectionOn(DatabaseKind database)
    {
        await using var app = new AppFactory(database);
        var (service, employee, _) = await CatalogueAsync(app);
        var id = 0;
        await app.WithDbAsync(async db =>
        {
            var appointment = Booking(service.Id, employee, Day.AddHours(14));
            db.Appointments.Add(appointment);
            await db.SaveAddedAsync();
            id = appointment.Id;
            Assert.True(db.ChangeTracker.AutoDetectChangesEnabled);

            appointment.Cancel(Day); // a modification: not this method's business
            await db.SaveAddedAsync();
        });
        await app.WithDbAsync(async db => Assert.Equal(AppointmentStatus.Confirmed, (await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == id)).Status));
    }

    /// <summary>
    /// Decision 154: a query in a unit of work reads its rows from the server as they come. Had EF Core buffered it
    /// (what it does under a strategy that says it retries), the whole result would be copied and the connection free
    /// again before the first row: the second command below would then run instead of finding the connection busy.
    /// </summary>
    [Fact]
    public async Task AQueryInTheUnitOfWork_IsStreamed_NotBufferedBeforeItsFirstRow()
    {
        await using var app = new AppFactory(DatabaseKind.MariaDb);
        var (service, employee, _) = await CatalogueAsync(app);
        await app.WithDbAsync(async db =>
        {
            db.Appointments.AddRange(Booking(service.Id, employee, Day.AddHours(9)), Booking(service.Id, employee, Day.AddHours(10)));
            await db.SaveAddedAsync();
        });

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var secondCommand = await unit.RunAsync<Exception?>(async ct =>
        {
            await foreach (var _ in db.Appointments.AsNoTracking().Where(a => a.EmployeeId == employee).AsAsyncEnumerable().WithCancellation(ct))
                return await Record.ExceptionAsync(() => db.Services.AsNoTracking().CountAsync(ct));
            return null;
        }, _ => false, CancellationToken.None);

        Assert.IsType<InvalidOperationException>(secondCommand);
    }

    private static async Task<(Service Service, int Employee, int Other)> CatalogueAsync(AppFactory app)
    {
        (Service, int, int) found = default;
        await app.WithDbAsync(async db =>
        {
            var employees = await db.Employees.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Id).Take(2).ToListAsync();
            found = (await db.Services.AsNoTracking().OrderBy(s => s.Id).FirstAsync(), employees[0], employees[1]);
        });
        return found;
    }

    private static Appointment Booking(int serviceId, int employeeId, DateTime startUtc) =>
        new(AppointmentReference.New(startUtc.Year), serviceId, employeeId, startUtc, startUtc.AddMinutes(30), "Ada Lovelace",
            EmailAddress.Parse("ada@example.com"), null, null, new string('a', 64), Day);

    private static async Task<List<ConfirmedBooking>> RowsAsync(AppDbContext db, int employeeId, DateTime startUtc, DateTime endUtc, int except)
    {
        var rows = new List<ConfirmedBooking>();
        await foreach (var booking in db.ConfirmedBookingsAsync(employeeId, startUtc, endUtc, except))
            rows.Add(booking);
        return rows.OrderBy(r => r.StartUtc).ToList();
    }
}
