using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using AppointEase.Application.Availability;
using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Application.Webhooks;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Common;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using AppointEase.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Appointments.ConfirmBooking;

public sealed record CustomerInput(string? Name, string? Email, string? Phone);

/// <summary>
/// Books a slot in one unit of work (appointment, claimed cells, outbox email and the idempotent response commit
/// together). The claims' unique key turns a lost race into a 409; a deadlock re-runs the whole command.
/// </summary>
public sealed record ConfirmBookingCommand(
    int ServiceId,
    int EmployeeId,
    string? Date,
    string? Time,
    string? LockToken,
    CustomerInput? Customer,
    string? Notes,
    string? IdempotencyKey = null,
    string? Locale = null) : ICommand<Result<BookingReceipt>>, ITransactionalCommand
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
    AvailabilityCalculator calculator,
    ISlotStateStore slotState,
    ISettingsProvider settings,
    IIdempotencyStore idempotency,
    IPersistenceErrors persistence,
    IEmailOutbox outbox,
    IBookingEmailComposer emails,
    BookingAftermath aftermath,
    BookingWebhooks webhooks,
    IRateLimiter limiter,
    BookingMailLimit mailLimit,
    AppointEaseMetrics metrics,
    TimeProvider clock) : ICommandHandler<ConfirmBookingCommand, Result<BookingReceipt>>
{
    private const int MaxReferenceDraws = 5;

    public async ValueTask<Result<BookingReceipt>> Handle(ConfirmBookingCommand command, CancellationToken cancellationToken)
    {
        // First, before this unit of work touches a table: the limiter writes through its own connection, which on
        // SQLite would wait for this transaction's write lock for ever.
        var sendMail = await MayMailAsync(EmailAddress.Parse(command.Customer!.Email!), cancellationToken);
        if (command.IdempotencyKey is null)
            return await BookAsync(command, null, sendMail, cancellationToken);

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
            var result = await BookAsync(command, ticket, sendMail, cancellationToken);
            // Only a created booking is remembered; after a refusal the client may fix the request and reuse the key.
            if (!result.IsSuccess) await idempotency.AbandonAsync(ticket);
            return result;
        }
        catch (Exception ex)
        {
            // A connection that failed at once (killed, reset) is retried by the unit of work on a fresh one, and the
            // retry must find the key free: release it now. Only a server that does not answer is left to the background.
            await idempotency.AbandonAsync(ticket, databaseFailed: persistence.Classify(ex) == DataFault.Unavailable && persistence.TimedOut(ex));
            throw;
        }
    }

    private async Task<Result<BookingReceipt>> BookAsync(ConfirmBookingCommand command, IdempotencyTicket? ticket, bool sendMail, CancellationToken cancellationToken)
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
        try
        {
            var dto = await WriteAsync(command, ticket, service, employee.Name, grid, business, sendMail, cancellationToken);
            await aftermath.RunAsync(slot, [(slot.Date, slot.EmployeeId)]);
            metrics.BookingConfirmed();
            return new BookingReceipt(dto, Replayed: false);
        }
        catch (Exception ex) when (persistence.Classify(ex) == DataFault.UniqueViolation)
        {
            // The claims' unique key: another booking holds one of these cells. The unit of work rolls back the refusal.
            persistence.DiscardTrackedChanges();
            return BookingErrors.SlotTaken;
        }
        catch (IdempotencyKeyLostException)
        {
            persistence.DiscardTrackedChanges();
            return Error.Conflict("idempotency_key_in_flight", "A request with this Idempotency-Key took over while this one was slow. Retry to get its result.");
        }
    }

    /// <summary>
    /// An address that has signed in at least once is its owner's: always mailed. Any other address gets at most
    /// <see cref="BookingMailLimit"/> confirmations per window, counted per address (issue 24: booking mail as a carrier).
    /// The counter is hit before the session read so that the limiter's own connection writes before this unit of
    /// work holds a snapshot (SQLite).
    /// </summary>
    private async Task<bool> MayMailAsync(EmailAddress email, CancellationToken cancellationToken)
    {
        var allowed = (await limiter.HitAsync(mailLimit.Rule, email.Value, cancellationToken)).Allowed;
        return allowed || await db.Set<Domain.Identity.CustomerSession>().AnyAsync(s => s.Email == email.Value, cancellationToken);
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

    /// <summary>
    /// Appointment, its claimed cells, the outbox email and the idempotent response, all in the command's transaction.
    /// The appointment is saved on its own first: a unique violation there can only be its random reference (drawn
    /// again), while one while saving the claims means the slot is taken.
    /// </summary>
    private async Task<AppointmentDto> WriteAsync(ConfirmBookingCommand command, IdempotencyTicket? ticket, Service service, string employeeName,
        GridSlot grid, BusinessSettingsSnapshot business, bool sendMail, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (manageToken, manageTokenHash) = ManageToken.New();
        var customer = command.Customer!;
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
        foreach (var cell in BookingCells.Cover(grid.StartUtc, grid.EndUtc, AvailabilityCalculator.FootprintOf(service), business.Policy.SlotMinutes))
            db.Set<AppointmentClaim>().Add(new AppointmentClaim(appointment, command.EmployeeId, cell));
        await db.SaveChangesAsync(ct);
        await webhooks.RaiseAsync(WebhookEventTypes.BookingCreated, appointment, service.Name, employeeName, business, ct);

        if (sendMail)
            outbox.Enqueue(emails.Compose(new BookingEmailFacts(BookingEmailKind.Confirmation, appointment, service.Name, employeeName, business, manageToken), now));
        var dto = AppointmentDto.From(appointment, business.Policy, manageToken);
        if (ticket is not null && !await idempotency.CompleteAsync(ticket, 201, JsonSerializer.Serialize(dto, AppointmentDto.Json), ct))
            throw new IdempotencyKeyLostException();
        return dto;
    }
}

/// <summary>Aborts the booking transaction when this request no longer owns its idempotency key.</summary>
internal sealed class IdempotencyKeyLostException() : Exception("The idempotency key was taken over by another request.");
