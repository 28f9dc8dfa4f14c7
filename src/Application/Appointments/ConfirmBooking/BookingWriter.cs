using System.Text.Json;
using AppointEase.Application.Availability;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Common;

namespace AppointEase.Application.Appointments.ConfirmBooking;

/// <summary>
/// Writes a booking in the command's transaction: the appointment, its claimed cells, the webhook event, the outbox email and
/// the idempotent response. The appointment is saved on its own first: a unique violation there can only be its random reference (drawn
/// again), while one while saving the claims means the slot is taken (the caller maps it).
/// </summary>
public sealed class BookingWriter(IAppDbContext db, IPersistenceErrors persistence, AppointmentClaims claims, BookingNotices notices,
    IIdempotencyStore idempotency, TimeProvider clock)
{
    private const int MaxReferenceDraws = 5;

    public async Task<AppointmentDto> WriteAsync(ConfirmBookingCommand command, IdempotencyTicket? ticket, BookableSlot target,
        BusinessSettingsSnapshot business, bool sendMail, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (manageToken, manageTokenHash) = ManageToken.New();
        var customer = command.Customer!;
        var (service, grid) = (target.Service, target.Grid);
        Appointment appointment;
        for (var attempt = 1; ; attempt++)
        {
            appointment = new Appointment(AppointmentReference.New(now.Year), service.Id, command.EmployeeId, grid.StartUtc, grid.EndUtc,
                customer.Name!, EmailAddress.Parse(customer.Email!), customer.Phone, command.Notes, manageTokenHash, now, command.Locale);
            db.Appointments.Add(appointment);
            try
            {
                await db.SaveChangesAsync(ct); // assigns the id the claims, the response and the manage link need; still uncommitted
                break;
            }
            catch (Exception ex) when (attempt < MaxReferenceDraws && persistence.Classify(ex) == DataFault.UniqueViolation)
            {
                persistence.DiscardTrackedChanges(); // a random reference collided: draw another
            }
        }
        claims.Claim(appointment, command.EmployeeId, grid, AvailabilityCalculator.FootprintOf(service), business.Policy.SlotMinutes);
        await db.SaveChangesAsync(ct);

        await notices.SendAsync(new BookingEmailFacts(BookingEmailKind.Confirmation, appointment, service.Name, target.EmployeeName, business, manageToken),
            now, ct, mail: sendMail);
        var dto = AppointmentDto.From(appointment, business.Policy, manageToken);
        if (ticket is not null && !await idempotency.CompleteAsync(ticket, 201, JsonSerializer.Serialize(dto, AppointmentDto.Json), ct))
            throw new IdempotencyKeyLostException();
        return dto;
    }
}

/// <summary>Aborts the booking transaction when this request no longer owns its idempotency key.</summary>
internal sealed class IdempotencyKeyLostException() : Exception("The idempotency key was taken over by another request.");
