using AppointEase.Domain.Appointments;
using AppointEase.Domain.Common;
using AppointEase.Infrastructure.Email;
using AppointEase.Infrastructure.Jobs;
using AppointEase.Infrastructure.Jobs.Reminders;
using AppointEase.Infrastructure.Persistence;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Jobs;

/// <summary>Two app instances (each with its own scheduler) on one MariaDB database, as in a scaled-out deployment.</summary>
public sealed class ReminderTests : IAsyncLifetime
{
    private readonly AppFactory _first = new(DatabaseKind.MariaDb);
    private AppFactory _second = null!;

    public async Task InitializeAsync()
    {
        _first.CreateClient().Dispose(); // the owner starts first and migrates
        _second = new AppFactory(DatabaseKind.MariaDb, _first.DatabaseName);
        _second.CreateClient().Dispose();
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_second).DisposeAsync();
        await ((IAsyncLifetime)_first).DisposeAsync();
    }

    [Fact]
    public async Task Reminders_RunConcurrentlyOnTwoInstances_QueueExactlyOneEmailPerAppointment()
    {
        var due = await ArrangeAppointmentsAsync();

        var rounds = Enumerable.Range(0, 4).SelectMany(_ => new[] { RunReminderJobAsync(_first), RunReminderJobAsync(_second) });
        var queued = await Task.WhenAll(rounds);

        // The app's own every-minute run may take some; together they never exceed one per appointment.
        Assert.InRange(queued.Sum(), 0, due.Count);
        await _first.WithDbAsync(async db =>
        {
            var reminders = await db.Set<AppointmentReminder>().Select(r => r.AppointmentId).ToListAsync();
            Assert.Equal(due.Order(), reminders.Order());
            var mails = await db.Set<OutboxEmail>().Where(e => e.Kind == "reminder").Select(e => e.To).ToListAsync();
            Assert.Equal(due.Count, mails.Count);
            Assert.Equal(mails.Count, mails.Distinct().Count());
        });

        // Both instances dispatch; every reminder leaves exactly once (pickup folders of both instances together).
        await Task.WhenAll(DispatchAsync(_first), DispatchAsync(_second), DispatchAsync(_first), DispatchAsync(_second));
        await Eventually.WaitUntilAsync(async () =>
        {
            var pending = 1;
            await _first.WithDbAsync(async db => pending = await db.Set<OutboxEmail>().CountAsync(e => e.Status != OutboxStatus.Sent));
            return pending == 0;
        }, TimeSpan.FromSeconds(30), "all reminders sent");
        // One instance may have sent every mail, so the other's pickup folder may never have been created.
        static string[] Sent(AppFactory app) => Directory.Exists(app.MailDirectory) ? Directory.GetFiles(app.MailDirectory, "*.eml") : [];
        var files = Sent(_first).Concat(Sent(_second)).ToList();
        Assert.Equal(due.Count, files.Count);
        Assert.All(files, f => Assert.Contains("Subject: Reminder:", File.ReadAllText(f)));
    }

    [Fact]
    public async Task Reminders_TriggeredOnBothSchedulers_AreQueuedOnce()
    {
        var due = await ArrangeAppointmentsAsync();

        _first.Services.GetRequiredService<IRecurringJobManager>().Trigger("appointment-reminders");
        _second.Services.GetRequiredService<IRecurringJobManager>().Trigger("appointment-reminders");

        await Eventually.WaitUntilAsync(async () =>
        {
            var count = 0;
            await _first.WithDbAsync(async db => count = await db.Set<AppointmentReminder>().CountAsync());
            return count == due.Count;
        }, TimeSpan.FromSeconds(30), "both schedulers ran the reminder job");
        await _first.WithDbAsync(async db =>
            Assert.Equal(due.Count, await db.Set<OutboxEmail>().CountAsync(e => e.Kind == "reminder")));
    }

    /// <summary>
    /// 12 appointments due (start within 24 h, booked days ago) and three that must not be reminded: one beyond the
    /// lead time, one cancelled, one booked inside the window. Returns the ids that are due.
    /// </summary>
    private async Task<List<int>> ArrangeAppointmentsAsync()
    {
        var now = DateTime.UtcNow;
        var created = now.AddDays(-3);
        var due = new List<int>();
        await _first.WithDbAsync(async db =>
        {
            var serviceId = await db.Services.Select(s => s.Id).FirstAsync();
            var employeeId = await db.Employees.Select(e => e.Id).FirstAsync();
            var dueAppointments = Enumerable.Range(0, 12)
                .Select(i => NewAppointment($"R{i:D3}", serviceId, employeeId, now.AddHours(2 + i), created)).ToList();
            var cancelled = NewAppointment("CANCELLED", serviceId, employeeId, now.AddHours(3), created);
            cancelled.Cancel(now);
            db.Appointments.AddRange(dueAppointments);
            db.Appointments.AddRange(
                NewAppointment("LATER", serviceId, employeeId, now.AddHours(30), created),
                cancelled,
                NewAppointment("LASTMINUTE", serviceId, employeeId, now.AddHours(5), now.AddMinutes(-10)));
            await db.SaveChangesAsync();
            due.AddRange(dueAppointments.Select(a => a.Id));
        });
        return due;
    }

    private static Appointment NewAppointment(string reference, int serviceId, int employeeId, DateTime startUtc, DateTime createdUtc) =>
        new(reference, serviceId, employeeId, startUtc, startUtc.AddMinutes(30), "Customer " + reference,
            EmailAddress.Parse($"{reference.ToLowerInvariant()}@example.com"), null, null, new string('0', 64), createdUtc);

    private static async Task<int> RunReminderJobAsync(AppFactory app)
    {
        await Task.Yield();
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None);
    }

    private static Task DispatchAsync(AppFactory app) =>
        app.Services.GetRequiredService<AppointEase.Application.Common.Interfaces.IEmailDispatcher>().DispatchDueAsync(CancellationToken.None);
}
