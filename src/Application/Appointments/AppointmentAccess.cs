using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Domain.Appointments;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Appointments;

/// <summary>
/// Who may see or change an appointment: an admin, the signed-in customer who booked it, or whoever holds its manage
/// token. Anyone else gets the same "not found" as for a missing id, so ids cannot be probed.
/// </summary>
public sealed class AppointmentAccess(IAppDbContext db, ICurrentUser user)
{
    public static readonly Error NotFound = Error.NotFound("appointment_not_found", "No appointment with this id is visible to you.");

    public bool IsAdmin => user.IsAdmin;

    /// <summary>Loads (tracked, for changes) the appointment if the caller may access it, else null.</summary>
    public async Task<Appointment?> FindAsync(int id, string? manageToken, bool forUpdate, CancellationToken cancellationToken)
    {
        var query = forUpdate ? db.Appointments : db.Appointments.AsNoTracking();
        var appointment = await query.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return appointment is not null && MayAccess(appointment, manageToken) ? appointment : null;
    }

    /// <summary>True when the presented token is this appointment's (so emails can keep using the same link).</summary>
    public static bool HoldsToken(Appointment appointment, string? manageToken) => ManageToken.Matches(manageToken, appointment.ManageTokenHash);

    private bool MayAccess(Appointment appointment, string? manageToken) =>
        user.IsAdmin
        || (user.CustomerEmail is { Length: > 0 } email && string.Equals(email.Trim(), appointment.CustomerEmail, StringComparison.OrdinalIgnoreCase))
        || HoldsToken(appointment, manageToken);
}
