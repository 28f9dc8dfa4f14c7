using AppointEase.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.Common;

/// <summary>
/// After an admin change that alters which cells a day offers, tells <see cref="ISlotChangeNotifier"/> about every
/// affected (bookable date, employee) so a cached availability is dropped. Availability itself is computed from the
/// database, so in SQL mode (no cache) it already reflects the change; this is for the Redis cache and live listeners.
/// Only dates from today to the booking horizon can be cached, so only those are announced. Runs after the command's
/// commit (<see cref="IAfterCommit"/>), so no reader can cache the pre-change state under the new announcement.
/// </summary>
public sealed class AvailabilityInvalidator(IAppDbContext db, ISlotChangeNotifier notifier, ISettingsProvider settings, TimeProvider clock,
    IAfterCommit afterCommit)
{
    public Task EmployeeAsync(int employeeId, Func<DateOnly, bool> affects, CancellationToken cancellationToken) =>
        afterCommit.RunAfterCommitAsync(() => NotifyAsync([employeeId], affects, cancellationToken));

    public Task EmployeesOfferingAsync(int serviceId, CancellationToken cancellationToken) =>
        afterCommit.RunAfterCommitAsync(async () =>
        {
            var ids = await db.Employees.AsNoTracking().Where(e => e.Services.Any(s => s.Id == serviceId)).Select(e => e.Id).ToListAsync(cancellationToken);
            await NotifyAsync(ids, _ => true, cancellationToken);
        });

    public Task AllEmployeesAsync(Func<DateOnly, bool> affects, CancellationToken cancellationToken) =>
        afterCommit.RunAfterCommitAsync(async () =>
        {
            var ids = await db.Employees.AsNoTracking().Select(e => e.Id).ToListAsync(cancellationToken);
            await NotifyAsync(ids, affects, cancellationToken);
        });

    private async Task NotifyAsync(IReadOnlyList<int> employeeIds, Func<DateOnly, bool> affects, CancellationToken cancellationToken)
    {
        var current = await settings.GetAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var last = current.Policy.LastBookableDate(now);
        for (var date = current.Policy.Today(now); date <= last; date = date.AddDays(1))
        {
            if (!affects(date)) continue;
            foreach (var employeeId in employeeIds)
                await notifier.SlotsChangedAsync(date, employeeId, cancellationToken);
        }
    }
}
