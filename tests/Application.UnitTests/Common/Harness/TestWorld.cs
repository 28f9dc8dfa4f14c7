using System.Diagnostics.Metrics;
using AppointEase.Application.Appointments.ConfirmBooking;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Identity;
using AppointEase.Application.Slots.GetHeartbeatSnapshot;
using AppointEase.Application.Slots.LockSlot;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Common;
using AppointEase.Domain.Scheduling;
using AppointEase.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AppointEase.Application.UnitTests.Common.Harness;

/// <summary>
/// One handler's world: the Application services as registered in production, the EF model on SQLite in memory as
/// <see cref="IAppDbContext"/>, fakes for every other port, and a <see cref="FakeTimeProvider"/> at Tuesday
/// 2026-12-01 09:00 in Europe/Berlin. <see cref="SeedAsync"/> adds a salon open Mon–Sat 09:00–17:00 on a 15-minute
/// grid (1 h notice, 30 days ahead, 2 h change cut-off) with one employee offering one 30-minute service.
/// </summary>
public sealed class TestWorld : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Tomorrow = new(2026, 12, 2);
    public const string Client = "client-alice-1";
    public const string OtherClient = "client-bob-22";

    private readonly SqliteConnection _connection = new("DataSource=:memory:");
    private readonly DbContextOptions<SqliteAppDbContext> _options;
    private readonly ServiceProvider _services;
    private readonly IServiceScope _scope;

    public TestWorld()
    {
        _connection.Open();
        _options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(_connection).Options;
        using (var create = NewContext()) create.Database.EnsureCreated();
        Db = NewContext();
        Settings = new DbSettingsProvider(NewContext);
        Slots = new FakeSlotStore(Clock);

        var services = new ServiceCollection();
        services.AddApplication();
        services.AddSingleton<IMeterFactory>(new TestMeterFactory());
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IAppDbContext>(Db);
        services.AddSingleton<ISettingsProvider>(Settings);
        services.AddSingleton<IScheduleSnapshotProvider>(new DbScheduleSnapshots(NewContext, Settings, Clock));
        services.AddSingleton<ISlotStateStore>(Slots);
        services.AddSingleton<IDayBookingsCache>(BookingsCache);
        services.AddSingleton<IPersistenceErrors>(new SqlitePersistenceErrors(Db));
        services.AddSingleton<ICurrentUser>(User);
        services.AddSingleton<IEmailOutbox>(Outbox);
        services.AddSingleton<IBookingEmailComposer>(new FakeComposer());
        services.AddSingleton<IAfterCommit>(AfterCommit);
        services.AddSingleton<ISlotChangeNotifier>(Notifier);
        services.AddSingleton<IEmailDispatcher>(Dispatcher);
        services.AddSingleton<IWebhookDispatcher>(Webhooks);
        services.AddSingleton<IWebhookTargetPolicy>(WebhookTargets);
        services.AddSingleton<IStaffCalendarWriter>(CalendarWriter);
        services.AddSingleton<IStoreStatus>(Status);
        services.AddSingleton<IRequestOrigin>(new FakeRequestOrigin());
        services.AddSingleton<IRateLimiter>(Limiter);
        services.AddSingleton<IIdempotencyStore>(Idempotency);
        services.AddSingleton<ISlotFailbackSync>(Failback);
        services.AddSingleton(new AuthOptions { OtpSecret = new string('k', AuthOptions.MinSecretLength) });
        services.AddSingleton(new BookingMailLimit(new RateLimitRule("booking_mail", 3, TimeSpan.FromHours(1))));
        services.AddSingleton(new HeartbeatRateLimit(new RateLimitRule("heartbeat_per_client", 100, TimeSpan.FromMinutes(1))));
        services.AddSingleton(new SlotHoldLimits(2, 5));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _scope = _services.CreateScope();
    }

    public FakeTimeProvider Clock { get; } = new(Start);
    public SqliteAppDbContext Db { get; }
    public DbSettingsProvider Settings { get; }
    public FakeSlotStore Slots { get; }
    public FakeDayBookingsCache BookingsCache { get; } = new();
    public FakeCurrentUser User { get; } = new();
    public FakeOutbox Outbox { get; } = new();
    public FakeAfterCommit AfterCommit { get; } = new();
    public FakeNotifier Notifier { get; } = new();
    public FakeDispatcher Dispatcher { get; } = new();
    public FakeWebhookDispatcher Webhooks { get; } = new();
    public FakeWebhookTargetPolicy WebhookTargets { get; } = new();
    public FakeStaffCalendarWriter CalendarWriter { get; } = new();
    public FakeStoreStatus Status { get; } = new();
    public FakeRateLimiter Limiter { get; } = new();
    public FakeIdempotencyStore Idempotency { get; } = new();
    public FakeFailbackSync Failback { get; } = new();

    public int ServiceId { get; private set; }
    public int EmployeeId { get; private set; }

    /// <summary>The handler as the mediator would build it, from this world's services.</summary>
    public T Create<T>() where T : class => ActivatorUtilities.CreateInstance<T>(_scope.ServiceProvider);

    public T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>A fresh context on the same database, to read what a handler wrote (nothing tracked from the handler's).</summary>
    public SqliteAppDbContext NewContext() => new(_options);

    public async Task SeedAsync()
    {
        Db.BusinessSettings.Add(new BusinessSettings("Salon Test", "Europe/Berlin", 15, 60, 30, 120));
        var open = new DaySchedule(new TimeOnly(9, 0), new TimeOnly(17, 0));
        var service = new Service("Cut", 30, 25m);
        var employee = new Employee("Anna");
        employee.Offer(service);
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday })
        {
            Db.BusinessHours.Add(new BusinessHours(day, open));
            employee.SetHours(day, open);
        }
        Db.Employees.Add(employee);
        await Db.SaveChangesAsync();
        (ServiceId, EmployeeId) = (service.Id, employee.Id);
        Db.ChangeTracker.Clear();
    }

    /// <summary>A confirmed appointment of the seeded service at <paramref name="localStart"/> (Berlin) with its claimed cells.</summary>
    public async Task<(int Id, string ManageToken)> AddAppointmentAsync(DateOnly date, TimeOnly localStart, string email = "ann@example.com")
    {
        await using var db = NewContext();
        var policy = (await Settings.GetAsync(default)).Policy;
        var start = policy.ToUtc(date, localStart)!.Value;
        var (token, hash) = ManageToken.New();
        var appointment = new Appointment(AppointmentReference.New(2026), ServiceId, EmployeeId, start, start.AddMinutes(30), "Ann Customer",
            EmailAddress.Parse(email), null, null, hash, Clock.GetUtcNow().UtcDateTime);
        db.Appointments.Add(appointment);
        foreach (var cell in BookingCells.Cover(start, start.AddMinutes(30), new ServiceFootprint(30, 0, 0), 15))
            db.Set<AppointmentClaim>().Add(new AppointmentClaim(appointment, EmployeeId, cell));
        await db.SaveChangesAsync();
        return (appointment.Id, token);
    }

    public void Dispose()
    {
        _scope.Dispose();
        _services.Dispose();
        Db.Dispose();
        _connection.Dispose();
    }
}
