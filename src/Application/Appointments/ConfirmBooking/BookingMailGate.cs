using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Common;
using AppointEase.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Appointments.ConfirmBooking;

/// <summary>
/// Whether a booking's confirmation may be mailed. An address that has signed in at least once is its owner's: always
/// mailed. Any other address gets at most <see cref="BookingMailLimit"/> confirmations per window, counted per address
/// (issue 24: booking mail as a carrier).
/// </summary>
public sealed class BookingMailGate(IRateLimiter limiter, BookingMailLimit mailLimit, IAppDbContext db)
{
    private (string Email, bool Allowed)? _counted;

    /// <summary>
    /// The counter is hit before the session read so that the limiter's own connection writes before this unit of work
    /// holds a snapshot (SQLite). It is hit once per request (this gate is scoped): the unit of work re-runs the whole
    /// handler after a deadlock or a busy database, and a retried booking must not use up another of the address's mails
    /// (the likeliest cause of a CI run where the third of three allowed confirmations went unmailed).
    /// </summary>
    public async Task<bool> MayMailAsync(EmailAddress email, CancellationToken cancellationToken)
    {
        if (_counted is not { } counted || counted.Email != email.Value)
            _counted = counted = (email.Value, (await limiter.HitAsync(mailLimit.Rule, email.Value, cancellationToken)).Allowed);
        return counted.Allowed || await db.Set<CustomerSession>().AnyAsync(s => s.Email == email.Value, cancellationToken);
    }
}
