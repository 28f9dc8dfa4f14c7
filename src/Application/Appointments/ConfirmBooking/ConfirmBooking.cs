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
    string? Locale = null) : ICommand<Result<BookingReceipt>>, IDecidesCommit<Result<BookingReceipt>>
{
    /// <summary>A replay answers from an earlier booking after this attempt was refused: what the attempt wrote goes.</summary>
    public bool ShouldCommit(Result<BookingReceipt> response) => response.IsSuccess && !response.Value!.Replayed;

    /// <summary>SHA-256 of everything but the key itself: "same key, same body" means the same booking request.</summary>
    public string RequestHash() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this with { IdempotencyKey = null }, AppointmentDto.Json))));
}

/// <summary>The booked appointment; <see cref="Replayed"/> when it is the stored answer to an earlier identical request.</summary>
public sealed record BookingReceipt(AppointmentDto Appointment, bool Replayed);

/// <summary>
/// The idempotency protocol around one booking (<see cref="BookingPlacement"/>, decision 127): the key is recorded in
/// the booking's own write batch, so a first request costs no extra round trip. A refusal (the slot taken, the hold
/// gone, or the key's unique violation) may be the answer to an earlier request with this key: only then is the key
/// looked up, and a completed identical request is replayed, a key reused with another body refused.
/// </summary>
public sealed class ConfirmBookingHandler(
    BookingMailGate mailGate,
    IIdempotencyStore idempotency,
    BookingPlacement placement,
    AppointEaseMetrics metrics) : ICommandHandler<ConfirmBookingCommand, Result<BookingReceipt>>
{
    public async ValueTask<Result<BookingReceipt>> Handle(ConfirmBookingCommand command, CancellationToken cancellationToken)
    {
        // First, before this unit of work touches a table: the limiter writes through its own connection, which on
        // SQLite would wait for this transaction's write lock for ever.
        var sendMail = await mailGate.MayMailAsync(EmailAddress.Parse(command.Customer!.Email!), cancellationToken);
        if (command.IdempotencyKey is null)
            return await placement.PlaceAsync(command, null, sendMail, cancellationToken);

        var entry = new IdempotencyEntry(command.IdempotencyKey, command.RequestHash());
        var result = await placement.PlaceAsync(command, entry, sendMail, cancellationToken);
        if (result.IsSuccess) return result;

        var earlier = await idempotency.FindAsync(entry.Key, entry.RequestHash, cancellationToken);
        switch (earlier.State)
        {
            case IdempotencyState.Replay:
                metrics.IdempotentReplay();
                return new BookingReceipt(JsonSerializer.Deserialize<AppointmentDto>(earlier.Body!, AppointmentDto.Json)!, Replayed: true);
            case IdempotencyState.InFlight:
                return Error.Conflict("idempotency_key_in_flight", "A request with this Idempotency-Key is still being processed. Retry in a moment.");
            case IdempotencyState.Mismatch:
                return Error.Invalid("idempotencyKey", "idempotency_key_reused", "This Idempotency-Key was already used with a different request body.");
            default:
                return result; // the key is unused: the refusal is this request's own answer, and the client may reuse the key
        }
    }
}
