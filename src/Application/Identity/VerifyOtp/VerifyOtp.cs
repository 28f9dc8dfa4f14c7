using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Domain.Common;
using AppointEase.Domain.Identity;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Identity.VerifyOtp;

/// <summary>Exchanges a valid code for a session token. Wrong, expired, used or exhausted codes all get the same answer.</summary>
public sealed record VerifyOtpCommand(string? Email, string? Code) : ICommand<Result<IssuedSession>>, ICommitsRefusals;

public sealed record IssuedSession(string Token, DateTimeOffset ExpiresAt);

public sealed class VerifyOtpHandler(IAppDbContext db, OtpHasher hasher, AuthOptions options, AppointEaseMetrics metrics, TimeProvider clock)
    : ICommandHandler<VerifyOtpCommand, Result<IssuedSession>>
{
    private static readonly byte[] NoCode = new byte[OtpChallenge.HashBytes];

    public static readonly Error InvalidCode = Error.Invalid("code", "otp_invalid",
        $"The code is wrong, expired or already used. After {OtpChallenge.MaxAttempts} wrong tries a code stops working; request a new one.");

    public async ValueTask<Result<IssuedSession>> Handle(VerifyOtpCommand command, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Parse(command.Email!);
        var now = clock.GetUtcNow().UtcDateTime;
        var presented = hasher.Hash(email, command.Code!);
        var challenge = await Open(email, now)
            .OrderByDescending(c => c.Id)
            .Select(c => new { c.Id, c.CodeHash, c.Attempts })
            .FirstOrDefaultAsync(cancellationToken);
        if (challenge is null)
        {
            // The same round trip and comparison as a real check (matching no row), so "no pending code" and
            // "wrong code" take about the same time.
            await Open(email, now).Where(c => c.Id < 0)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1), cancellationToken);
            OtpHasher.Matches(presented, NoCode);
            metrics.OtpFailed();
            return InvalidCode;
        }

        // The attempt is counted before comparing, atomically: parallel guesses cannot exceed MaxAttempts in total.
        var counted = await Open(email, now).Where(c => c.Id == challenge.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1), cancellationToken);
        if (counted == 0)
        {
            // The code ran out of tries between the read and the count (parallel guesses): locked out.
            metrics.OtpLockedOut();
            return InvalidCode;
        }
        if (!OtpHasher.Matches(presented, challenge.CodeHash))
        {
            // The wrong guess that used the last try locks the code: counted as a lock-out, not a plain failure.
            if (challenge.Attempts + 1 >= OtpChallenge.MaxAttempts) metrics.OtpLockedOut();
            else metrics.OtpFailed();
            return InvalidCode;
        }

        var consumed = await db.Set<OtpChallenge>().Where(c => c.Id == challenge.Id && c.ConsumedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedUtc, now), cancellationToken);
        if (consumed == 0)
        {
            metrics.OtpFailed();
            return InvalidCode;
        }

        var token = SessionTokens.New();
        // Whole seconds: every database stores them exactly, so expiresAt reads back the same as it was issued.
        var expires = now + options.SessionLifetime;
        expires = expires.AddTicks(-(expires.Ticks % TimeSpan.TicksPerSecond));
        db.Set<CustomerSession>().Add(new CustomerSession(SessionTokens.Hash(token), email, now, expires));
        return new IssuedSession(token, new DateTimeOffset(expires, TimeSpan.Zero));
    }

    private IQueryable<OtpChallenge> Open(EmailAddress email, DateTime now) =>
        db.Set<OtpChallenge>().Where(c => c.Email == email.Value && c.ConsumedUtc == null
            && c.Attempts < OtpChallenge.MaxAttempts && c.ExpiresUtc > now);
}
