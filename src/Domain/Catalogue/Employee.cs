using AppointEase.Domain.Common;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Domain.Catalogue;

/// <summary>A staff member who performs services within their own weekly hours.</summary>
public sealed class Employee : Entity
{
    public const int MaxNameLength = 120;

    private readonly List<Service> _services = [];
    private readonly List<EmployeeWorkingHours> _workingHours = [];

    private Employee() { Name = ""; }

    public Employee(string name)
    {
        Name = Guard.NotBlank(name, nameof(Name), MaxNameLength);
        IsActive = true;
    }

    public string Name { get; private set; }
    public bool IsActive { get; private set; }
    /// <summary>Concurrency token covering the name, state, offered services and weekly hours (ETag).</summary>
    public int Version { get; private set; }
    public IReadOnlyCollection<Service> Services => _services;
    public IReadOnlyCollection<EmployeeWorkingHours> WorkingHours => _workingHours;

    public void Rename(string name)
    {
        var trimmed = Guard.NotBlank(name, nameof(Name), MaxNameLength);
        if (trimmed == Name) return;
        Name = trimmed;
        Version++;
    }

    public void Deactivate() => SetActive(false);
    public void Activate() => SetActive(true);

    public void Offer(Service service)
    {
        if (_services.Contains(service)) return;
        _services.Add(service);
        Version++;
    }

    public void StopOffering(int serviceId)
    {
        if (_services.RemoveAll(s => s.Id == serviceId) > 0)
            Version++;
    }

    public void SetHours(DayOfWeek day, DaySchedule? schedule)
    {
        _workingHours.RemoveAll(h => h.Day == day);
        if (schedule is not null)
            _workingHours.Add(new EmployeeWorkingHours(day, schedule));
        Version++;
    }

    /// <summary>Marks the employee changed when only dependent rows changed, so the concurrency check still covers them.</summary>
    public void Touch() => Version++;

    private void SetActive(bool active)
    {
        if (IsActive == active) return;
        IsActive = active;
        Version++;
    }
}
