using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Appointments;

/// <summary>
/// The grid cells an appointment occupies (<see cref="AppointmentClaim"/>, unique per employee and cell) and the save
/// that relies on that key: a unique violation means another booking took a cell, so it is a 409, not a fault.
/// </summary>
public sealed class AppointmentClaims(IAppDbContext db, IPersistenceErrors persistence)
{
    public Task ReleaseAsync(int appointmentId, CancellationToken cancellationToken) =>
        db.Set<AppointmentClaim>().Where(c => c.AppointmentId == appointmentId).ExecuteDeleteAsync(cancellationToken);

    public void Claim(Appointment appointment, int employeeId, GridSlot grid, ServiceFootprint footprint, int slotMinutes)
    {
        foreach (var cell in BookingCells.Cover(grid.StartUtc, grid.EndUtc, footprint, slotMinutes))
            db.Set<AppointmentClaim>().Add(new AppointmentClaim(appointment, employeeId, cell));
    }

    /// <summary>
    /// Saves the unit of work's changes; null on success. With <paramref name="claimsAdded"/> a unique violation is
    /// <see cref="BookingErrors.SlotTaken"/>; an optimistic-concurrency conflict is <see cref="BookingErrors.ChangedMeanwhile"/>.
    /// Either refusal forgets the tracked changes so nothing half-done is saved later in the scope.
    /// </summary>
    public async Task<Error?> SaveAsync(bool claimsAdded, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (Exception ex) when (claimsAdded && persistence.Classify(ex) == DataFault.UniqueViolation)
        {
            persistence.DiscardTrackedChanges();
            return BookingErrors.SlotTaken;
        }
        catch (Exception ex) when (persistence.IsConcurrencyConflict(ex))
        {
            persistence.DiscardTrackedChanges();
            return BookingErrors.ChangedMeanwhile;
        }
    }
}
