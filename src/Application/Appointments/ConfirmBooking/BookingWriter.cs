using System.Text.Json;
using AppointEase.Application.Availability;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Common;

namespace AppointEase.Application.Appointments.ConfirmBooking;

/// <summary>The request's Idempotency-Key and the hash of its body, recorded with the booking.</summary>
public sealed record IdempotencyEntry(string Key, string RequestHash);

/// <summary>
/// Writes a booking in the command's transaction in two batches (decision 127): the appointment alone, because the
/// claims, the response and the manage link need its generated id and a unique violation there can only be its random
/// reference (drawn again); then its claimed cells, the webhook deliveries, the outbox email and the idempotent response
/// together in one command. A unique violation in that batch is a claimed cell or the idempotency key: the caller
/// refuses the booking and the handler tells the two apart by looking the key up.
/// </summary>
public sealed class BookingWriter(IAppDbContext db, IPersistenceErrors persistence, AppointmentClaims claims, BookingNotices notices,
    IIdempotencyStore idempotency, TimeProvider clock)
{
    private const int MaxReferenceDraws = 5;

    public async Task<AppointmentDto> WriteAsync(ConfirmBookingCommand command, IdempotencyEntry? idempotencyEntry, BookableSlot target,
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
                await db.SaveAddedAsync(ct); // assigns the id the claims, the response and the manage link need; still uncommitted
                break;
            }
            catch (Exception ex) when (attempt < MaxReferenceDraws && persistence.Classify(ex) == DataFault.UniqueViolation)
            {
                persistence.DiscardTrackedChanges(); // a random reference collided: draw another
            }
        }
        claims.Claim(appointment, command.EmployeeId, grid, AvailabilityCalculator.FootprintOf(service), business.Policy.SlotMinutes);
        await notices.SendAsync(new BookingEmailFacts(BookingEmailKind.Confirmation, appointment, service.Name, target.EmployeeName, business, manageToken),
            now, ct, mail: sendMail);
        var dto = AppointmentDto.From(appointment, business.Policy, manageToken);
        if (idempotencyEntry is not null)
            idempotency.Record(idempotencyEntry.Key, idempotencyEntry.RequestHash, 201, JsonSerializer.Serialize(dto, AppointmentDto.Json));
        await db.SaveAddedAsync(ct); // claims, webhook deliveries, outbox email and the idempotent response: one batch
        return dto;
    }
}
