using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common.Telemetry;

namespace AppointEase.Application.Appointments.ConfirmBooking;

/// <summary>
/// One booking attempt inside the command's unit of work: check the slot, write the booking, then (after the commit)
/// release the hold and announce the change. A lost race on the claims' (or the idempotency) unique key is a refusal, rolled back by
/// the unit of work.
/// </summary>
public sealed class BookingPlacement(BookableSlotCheck check, ISettingsProvider settings, BookingWriter writer, IPersistenceErrors persistence,
    BookingAftermath aftermath, AppointEaseMetrics metrics)
{
    public async Task<Result<BookingReceipt>> PlaceAsync(ConfirmBookingCommand command, IdempotencyEntry? idempotencyEntry, bool sendMail,
        CancellationToken cancellationToken)
    {
        var target = await check.CheckAsync(command, cancellationToken);
        if (!target.IsSuccess) return target.Error;
        var slot = target.Value.Slot;

        var business = await settings.GetAsync(cancellationToken);
        try
        {
            var dto = await writer.WriteAsync(command, idempotencyEntry, target.Value, business, sendMail, cancellationToken);
            await aftermath.RunAsync(slot, [(slot.Date, slot.EmployeeId)]);
            metrics.BookingConfirmed();
            return new BookingReceipt(dto, Replayed: false);
        }
        catch (Exception ex) when (persistence.Classify(ex) == DataFault.UniqueViolation)
        {
            // The claims' unique key (another booking holds one of these cells) or the idempotency key (the handler looks
            // it up). The unit of work rolls back the refusal.
            persistence.DiscardTrackedChanges();
            return BookingErrors.SlotTaken;
        }
    }
}
