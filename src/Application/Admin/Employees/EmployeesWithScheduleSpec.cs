using AppointEase.Domain.Catalogue;
using Ardalis.Specification;

namespace AppointEase.Application.Admin.Employees;

/// <summary>Employees with their services and working hours (what <see cref="AdminEmployeeDto"/> shows), by name.</summary>
public sealed class EmployeesWithScheduleSpec : Specification<Employee>
{
    public EmployeesWithScheduleSpec(int? id = null)
    {
        Query.Include(e => e.Services).Include(e => e.WorkingHours);
        if (id is { } only) Query.Where(e => e.Id == only);
        Query.OrderBy(e => e.Name).ThenBy(e => e.Id);
    }
}
