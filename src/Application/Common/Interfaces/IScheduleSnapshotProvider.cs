using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Webhooks;

namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// The catalogue and calendar rows every slot and availability request reads (active services and employees, weekly
/// hours, closures, time off) and the active webhook endpoints every booking change writes a delivery for (decision
/// 127: one query less per confirm). They change rarely and only through admin writes, so implementations may cache them
/// briefly; a change saved on this instance is seen at once, another instance when it is told over Redis (decision 072)
/// or at the latest when its cache expires. Bookings are not in here (see <c>DayBookings</c>, decision 071).
/// </summary>
public interface IScheduleSnapshotProvider
{
    ValueTask<ScheduleSnapshot> GetAsync(CancellationToken cancellationToken);

    void Invalidate();
}

/// <param name="CoversFrom">Closures and time off are complete from this date on; earlier dates must be read from the database.</param>
/// <param name="ActiveWebhookEndpoints">Webhook endpoints switched on (null: none).</param>
public sealed record ScheduleSnapshot(
    IReadOnlyDictionary<int, Service> ActiveServices,
    IReadOnlyDictionary<int, ActiveEmployee> ActiveEmployees,
    IReadOnlyList<BusinessHours> BusinessHours,
    ILookup<int, EmployeeWorkingHours> EmployeeHours,
    IReadOnlySet<DateOnly> Closures,
    ILookup<int, EmployeeTimeOff> TimeOff,
    DateOnly CoversFrom,
    IReadOnlyList<WebhookEndpoint>? ActiveWebhookEndpoints = null)
{
    /// <summary>The active endpoints subscribed to <paramref name="eventType"/>.</summary>
    public IEnumerable<WebhookEndpoint> WebhookEndpointsWanting(string eventType) =>
        (ActiveWebhookEndpoints ?? []).Where(e => e.Wants(eventType));

    public bool EmployeeIsActive(int employeeId) => ActiveEmployees.ContainsKey(employeeId);

    public ActiveEmployee? ActiveEmployee(int employeeId) => ActiveEmployees.GetValueOrDefault(employeeId);

    public Service? ActiveService(int serviceId) => ActiveServices.GetValueOrDefault(serviceId);

    public bool Offers(int employeeId, int serviceId) => ActiveEmployee(employeeId)?.ServiceIds.Contains(serviceId) == true;
}

public sealed record ActiveEmployee(int Id, string Name, IReadOnlySet<int> ServiceIds);
