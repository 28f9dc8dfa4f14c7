using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Domain.Common;
using Mediator;

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

/// <summary>
/// The idempotency protocol around one booking (<see cref="BookingPlacement"/>): a replay returns the stored answer, a
/// key in flight or reused with another body is refused, and only a created booking keeps its key.
/// </summary>
public sealed class ConfirmBookingHandler(
    BookingMailGate mailGate,
    IIdempotencyStore idempotency,
    BookingPlacement placement,
    IPersistenceErrors persistence,
    AppointEaseMetrics metrics) : ICommandHandler<ConfirmBookingCommand, Result<BookingReceipt>>
{
    public async ValueTask<Result<BookingReceipt>> Handle(ConfirmBookingCommand command, CancellationToken cancellationToken)
    {
        // First, before this unit of work touches a table: the limiter writes through its own connection, which on
        // SQLite would wait for this transaction's write lock for ever.
        var sendMail = await mailGate.MayMailAsync(EmailAddress.Parse(command.Customer!.Email!), cancellationToken);
        if (command.IdempotencyKey is null)
            return await placement.PlaceAsync(command, null, sendMail, cancellationToken);

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
            var result = await placement.PlaceAsync(command, ticket, sendMail, cancellationToken);
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
}
