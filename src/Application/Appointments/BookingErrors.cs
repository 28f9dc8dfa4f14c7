using AppointEase.Application.Common.Results;

namespace AppointEase.Application.Appointments;

/// <summary>The expected failures shared by confirm and reschedule, so both speak the same codes.</summary>
public static class BookingErrors
{
    public static readonly Error SlotTaken = Error.Conflict("slot_taken", "This time has just been booked by someone else. Please choose another slot.");
    public static readonly Error SlotLocked = Error.Conflict("slot_locked", "Another customer is checking out this slot right now.");
    public static readonly Error LockNotHeld = Error.Conflict("lock_not_held", "The hold on this slot has expired or belongs to someone else. Please pick the slot again.");
    public static readonly Error LockTokenMismatch = Error.Invalid("lockToken", "lock_token_mismatch", "The lock token does not belong to this slot.");
    public static readonly Error SlotNotOffered = Error.Invalid("time", "slot_not_offered",
        "This start time is not offered: off the grid, outside opening hours, in the past, too soon or beyond the booking horizon.");
    public static readonly Error TooLateToChange = Error.Conflict("change_cutoff_passed", "This appointment starts too soon to be changed online. Please contact us.");
    public static readonly Error Cancelled = Error.Conflict("appointment_cancelled", "This appointment has been cancelled.");
    public static readonly Error ChangedMeanwhile = Error.Conflict("appointment_changed", "This appointment was changed at the same moment. Please reload and try again.");

    public static Error ServiceNotFound(int id) => new(ErrorKind.NotFound, "service_not_found", $"No active service with id {id}.", "serviceId");
    public static Error EmployeeNotFound(int id) => new(ErrorKind.NotFound, "employee_not_found", $"No active employee with id {id}.", "employeeId");
    public static readonly Error ServiceNotOffered = Error.Invalid("employeeId", "service_not_offered", "This employee does not offer the chosen service.");
}
