using AppointEase.Application.Common.Results;

namespace AppointEase.Application.Admin.Employees;

internal static class EmployeeErrors
{
    public static Error NotFound(int id) => Error.NotFound("employee_not_found", $"No employee with id {id}.");

    public static Error UnknownServices(IEnumerable<int> ids) => Error.Invalid("serviceIds", "service_not_found",
        $"No service with id {string.Join(", ", ids)}.");
}
