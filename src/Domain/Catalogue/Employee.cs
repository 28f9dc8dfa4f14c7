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
    public IReadOnlyCollection<Service> Services => _services;
    public IReadOnlyCollection<EmployeeWorkingHours> WorkingHours => _workingHours;

    public void Rename(string name) => Name = Guard.NotBlank(name, nameof(Name), MaxNameLength);
    public void Deactivate() => IsActive = false;
    public void Activate() => IsActive = true;

    public void Offer(Service service)
    {
        if (!_services.Contains(service))
            _services.Add(service);
    }

    public void StopOffering(int serviceId) => _services.RemoveAll(s => s.Id == serviceId);

    public void SetHours(DayOfWeek day, DaySchedule? schedule)
    {
        _workingHours.RemoveAll(h => h.Day == day);
        if (schedule is not null)
            _workingHours.Add(new EmployeeWorkingHours(day, schedule));
    }
}
