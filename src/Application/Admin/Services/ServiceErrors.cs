using AppointEase.Application.Common.Results;

namespace AppointEase.Application.Admin.Services;

internal static class ServiceErrors
{
    public static Error NotFound(int id) => Error.NotFound("service_not_found", $"No service with id {id}.");

    public static Error NotOnGrid(int slotMinutes) => Error.Invalid("durationMinutes", "duration_not_on_grid",
        $"Duration must be a multiple of the slot grid ({slotMinutes} minutes).");
}
