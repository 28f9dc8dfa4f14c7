using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AppointEase.Application.Availability;
using AppointEase.Application.Common;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Common;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using Mediator;

namespace AppointEase.Application.Appointments.ConfirmBooking;

public sealed record CustomerInput(string? Name, string? Email, string? Phone);

/// <summary>
/// Books a slot. Not an <c>ITransactionalCommand</c>: the handler runs its own unit of work because it must see the
/// unique-key violation that means "taken" and turn it into a 409, and store the idempotent response in the same commit.
/// </summary>
public sealed record ConfirmBookingCommand(
    int ServiceId,
    int EmployeeId,
    string? Date,
    string? Time,
    string? LockToken,
    CustomerInput? Customer,
    string? Notes,
    string? IdempotencyKey = null) : ICommand<Result<BookingReceipt>>
{
    /// <summary>SHA-256 of everything but the key itself: "same key, same body" means the same booking request.</summary>
    public string RequestHash() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this with { IdempotencyKey = null }, AppointmentDto.Json))));
}

/// <summary>The booked appointment; <see cref="Replayed"/> when it is the stored answer to an earlier identical request.</summary>
public sealed record BookingReceipt(AppointmentDto Appointment, bool Replayed);

public sealed class ConfirmBookingHandler(
    IAppDbContext db,
    IScheduleSnapshotProvider snapshots,
    IUnitOfWork unitOfWork,
    AvailabilityCalculator calculator,
    ISlotStateStore slotState,
    ISettingsProvider settings,
    IIdempotencyStore idempotency,
    IPersistenceErrors persistence,
    IEmailOutbox outbox,
    IBookingEmailComposer emails,
    BookingAftermath aftermath,
    AppointEaseMetrics metrics,
    TimeProvider clock) : ICommandHandler<ConfirmBookingCommand, Result<BookingReceipt>>
{
    private const int MaxAttempts = 5;

    public async ValueTask<Result<BookingReceipt>> Handle(ConfirmBookingCommand command, CancellationToken cancellationToken)
    {
        if (command.IdempotencyKey is null)
            return await BookAsync(command, null, cancellationToken);

        var start = await idempotency.BeginAsync(command.IdempotencyKey, command.RequestHash(), cancellationToken);
        switch (start.State)
        {
            case IdempotencyState.Replay:
                metrics.IdempotentReplay();
                return new BookingReceipt(JsonSerializer.Deserialize<AppointmentDto>(start.Body!, AppointmentDto.Json)!, Replayed: true);
            case IdempotencyState.InFlight:
                return Error.Conflict("idempotency_key_in_flight", "A request with this Idempotency-Key is still being processed. Retry in a moment.");
            case IdempotencyState.Mismatch:
                return Error.Invalid("idempotencyKey", "idempotency_key_reused", "This Idempotency-Key was already used with a different request body.");
        }

        var ticket = start.Ticket!;
        try
        {
            var result = await BookAsync(command, ticket, cancellationToken);
            // Only a created booking is remembered; after a refusal the client may fix the request and reuse the key.
            if (!result.IsSuccess) await idempotency.AbandonAsync(ticket);
            return result;
        }
        catch
        {
            await idempotency.AbandonAsync(ticket);
            throw;
        }
    }

    private async Task<Result<BookingReceipt>> BookAsync(ConfirmBookingCommand command, IdempotencyTicket? ticket, CancellationToken cancellationToken)
    {
        var catalogue = await snapshots.GetAsync(cancellationToken);
        if (catalogue.ActiveService(command.ServiceId) is not { } service) return BookingErrors.ServiceNotFound(command.ServiceId);
        if (catalogue.ActiveEmployee(command.EmployeeId) is not { } employee) return BookingErrors.EmployeeNotFound(command.EmployeeId);
        if (!employee.ServiceIds.Contains(command.ServiceId)) return BookingErrors.ServiceNotOffered;

        var slot = new SlotKey(Formats.ParseDate(command.Date!), command.EmployeeId, Formats.ParseTime(command.Time!));
        var lockError = await CheckLockAsync(slot, command.LockToken, cancellationToken);
        if (lockError is not null) return lockError;

        var footprint = AvailabilityCalculator.FootprintOf(service);
        var grid = await calculator.FindSlotAsync(slot, footprint, null, cancellationToken);
        if (grid is null) return BookingErrors.SlotNotOffered;
        // A fast path only: the claims' unique key below is what actually prevents a double booking.
        if (grid.Booked) return BookingErrors.SlotTaken;

        var business = await settings.GetAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var dto = await unitOfWork.InTransactionAsync(
                    ct => WriteAsync(command, ticket, service, employee.Name, grid, business, ct), cancellationToken);
                await aftermath.RunAsync(slot, [(slot.Date, slot.EmployeeId)]);
                metrics.BookingConfirmed();
                return new BookingReceipt(dto, Replayed: false);
            }
            catch (Exception ex) when (persistence.IsUniqueViolation(ex, "reference") && attempt < MaxAttempts)
            {
                persistence.DiscardTrackedChanges(); // a random reference collided: draw another
            }
            catch (Exception ex) when (persistence.IsRetryableLockConflict(ex) && attempt < MaxAttempts)
            {
                // InnoDB picks a victim when several transactions wait on the same claimed cell; run again and let
                // the unique key give the loser its 409. Jitter keeps the retries from colliding in step.
                persistence.DiscardTrackedChanges();
                metrics.DatabaseRetry(DatabaseRetryReasons.LockConflict);
                await Task.Delay(Random.Shared.Next(5, 30) * attempt, cancellationToken);
            }
            catch (Exception ex) when (persistence.IsUniqueViolation(ex))
            {
                persistence.DiscardTrackedChanges();
                return BookingErrors.SlotTaken;
            }
            catch (IdempotencyKeyLostException)
            {
                persistence.DiscardTrackedChanges();
                return Error.Conflict("idempotency_key_in_flight", "A request with this Idempotency-Key took over while this one was slow. Retry to get its result.");
            }
        }
    }

    /// <summary>Someone else's live hold blocks the slot; a token, when given, must be this slot's live hold.</summary>
    private async Task<Error?> CheckLockAsync(SlotKey slot, string? lockTokenText, CancellationToken cancellationToken)
    {
        LockToken? token = null;
        if (lockTokenText is not null)
        {
            if (!LockToken.TryParse(lockTokenText, out var parsed) || parsed.Slot != slot) return BookingErrors.LockTokenMismatch;
            token = parsed;
        }
        var held = await slotState.GetLockAsync(slot, cancellationToken);
        if (token is null) return held is null ? null : BookingErrors.SlotLocked;
        // The visitor's own hold lapsed before they confirmed (their token is for this slot, but no lock is left).
        if (held is null) metrics.Lock(LockOutcomeTag.Expired);
        return held is not null && held.Secret == token.Value.Secret ? null : BookingErrors.LockNotHeld;
    }

    /// <summary>One transaction: appointment, its claimed cells, the outbox email and the idempotent response.</summary>
    private async Task<AppointmentDto> WriteAsync(ConfirmBookingCommand command, IdempotencyTicket? ticket, Service service, string employeeName,
        GridSlot grid, BusinessSettingsSnapshot business, CancellationToken ct)
    {
        // The execution strategy may run this again after a transient fault: start from a clean slate each time.
        persistence.DiscardTrackedChanges();
        var now = clock.GetUtcNow().UtcDateTime;
        var (manageToken, manageTokenHash) = ManageToken.New();
        var customer = command.Customer!;
        var appointment = new Appointment(AppointmentReference.New(now.Year), service.Id, command.EmployeeId, grid.StartUtc, grid.EndUtc,
            customer.Name!, EmailAddress.Parse(customer.Email!), customer.Phone, command.Notes, manageTokenHash, now);
        db.Appointments.Add(appointment);
        foreach (var cell in BookingCells.Cover(grid.StartUtc, grid.EndUtc, AvailabilityCalculator.FootprintOf(service), business.Policy.SlotMinutes))
            db.Set<AppointmentClaim>().Add(new AppointmentClaim(appointment, command.EmployeeId, cell));
        await db.SaveChangesAsync(ct); // assigns the id the response and the manage link need; still uncommitted

        outbox.Enqueue(emails.Compose(new BookingEmailFacts(BookingEmailKind.Confirmation, appointment, service.Name, employeeName, business, manageToken), now));
        var dto = AppointmentDto.From(appointment, business.Policy, manageToken);
        if (ticket is not null && !await idempotency.CompleteAsync(ticket, 201, JsonSerializer.Serialize(dto, AppointmentDto.Json), ct))
            throw new IdempotencyKeyLostException();
        return dto;
    }
}

/// <summary>Aborts the booking transaction when this request no longer owns its idempotency key.</summary>
internal sealed class IdempotencyKeyLostException() : Exception("The idempotency key was taken over by another request.");
