using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Faults;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Scheduling;
using AppointEase.Infrastructure.Options;
using AppointEase.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using AppointEase.Infrastructure.SlotState;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AppointEase.Infrastructure.Seeding;

/// <summary>
/// Makes a fresh database usable: the settings row always, and (when enabled) a demo catalogue of 3 services and
/// 3 employees working Mon–Fri 09:00–17:00 with a lunch break. Running it again changes nothing. Demo data is written
/// only when asked for (Database:SeedDemoData) or, unset, in Development/Testing: a production database starts empty.
/// Callers hold the start-up lock (decision 081); the unique key on the settings row is the last line of defence.
/// </summary>
public sealed class DemoDataSeeder(AppDbContext db, IOptions<BusinessOptions> business, IOptions<DatabaseOptions> database, IHostEnvironment environment)
{
    public bool SeedsDemoData => database.Value.SeedDemoData ?? (environment.IsDevelopment() || environment.IsEnvironment("Testing"));

    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!await db.BusinessSettings.AnyAsync(cancellationToken))
        {
            var b = business.Value;
            var settings = new BusinessSettings(b.Name, b.TimeZone, b.SlotMinutes, b.MinimumNoticeMinutes, b.BookingHorizonDays, b.ChangeCutoffMinutes);
            settings.ChangeLiveState(b.SelectionTtlSeconds, b.LockTtlSeconds, b.HeartbeatIntervalMs);
            db.BusinessSettings.Add(settings);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (FaultClassifier.Sql(ex) == DataFault.UniqueViolation)
            {
                // Another instance seeded it first (a database without the start-up lock, e.g. SQLite shared by two processes).
                db.ChangeTracker.Clear();
            }
        }
        if (!SeedsDemoData || await db.Services.AnyAsync(cancellationToken))
            return;

        var haircut = new Service("Haircut", 30, 35m);
        var colouring = new Service("Colouring", 90, 85m, bufferAfterMinutes: 15);
        var consultation = new Service("Consultation", 60, 0m);
        db.Services.AddRange(haircut, colouring, consultation);

        var day = new DaySchedule(new TimeOnly(9, 0), new TimeOnly(17, 0), [new TimeRange(new TimeOnly(12, 0), new TimeOnly(13, 0))]);
        foreach (var weekday in Weekdays)
            db.BusinessHours.Add(new BusinessHours(weekday, day));

        var staff = new[]
        {
            (Name: "Alex Morgan", Offers: new[] { haircut, colouring, consultation }),
            (Name: "Sam Lee", Offers: new[] { haircut, consultation }),
            (Name: "Jordan Weiss", Offers: new[] { colouring, consultation }),
        };
        foreach (var (name, offers) in staff)
        {
            var employee = new Employee(name);
            foreach (var service in offers) employee.Offer(service);
            foreach (var weekday in Weekdays) employee.SetHours(weekday, day);
            db.Employees.Add(employee);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
