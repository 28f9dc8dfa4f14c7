using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;

namespace AppointEase.Application.Appointments;

/// <summary>An appointment loaded for a change, with the settings and the instant the change is judged by.</summary>
public sealed record AppointmentChange(Appointment Appointment, BusinessSettingsSnapshot Business, DateTime NowUtc);

/// <summary>
/// What every change of an existing appointment (cancel, reschedule) starts with: the appointment as far as the caller
/// may see it, the business settings, and the one cut-off rule.
/// </summary>
public sealed class AppointmentChanges(AppointmentAccess access, ISettingsProvider settings, TimeProvider clock)
{
    /// <summary>The appointment, tracked for the change, or null when the caller may not see it (or it does not exist).</summary>
    public async Task<AppointmentChange?> FindAsync(int id, string? manageToken, CancellationToken cancellationToken)
    {
        var business = await settings.GetAsync(cancellationToken);
        var appointment = await access.FindAsync(id, manageToken, forUpdate: true, cancellationToken);
        return appointment is null ? null : new AppointmentChange(appointment, business, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Customers may not change an appointment that starts within the business's cut-off; admins may.</summary>
    public bool TooLateToChange(AppointmentChange change) =>
        !access.IsAdmin && change.NowUtc.AddMinutes(change.Business.ChangeCutoffMinutes) > change.Appointment.StartUtc;
}
