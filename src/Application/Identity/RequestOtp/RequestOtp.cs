using System.Net;
using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Domain.Common;
using AppointEase.Domain.Identity;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Identity.RequestOtp;

/// <summary>
/// Emails a fresh 6-digit sign-in code. Every valid address gets exactly the same treatment (no lookup of bookings),
/// so neither the response nor its timing tells a caller whether an address is a customer.
/// A new code replaces any earlier open one, so at most one code per address can be guessed at a time.
/// </summary>
public sealed record RequestOtpCommand(string? Email) : ICommand<Result<OtpRequested>>, ITransactionalCommand;

/// <summary>The same for every address, by design.</summary>
public sealed record OtpRequested(int ExpiresInMinutes);

public sealed class RequestOtpHandler(IAppDbContext db, IEmailOutbox outbox, OtpHasher hasher, AuthOptions options, AppointEaseMetrics metrics, TimeProvider clock)
    : ICommandHandler<RequestOtpCommand, Result<OtpRequested>>
{
    public const string EmailKind = "otp";

    public async ValueTask<Result<OtpRequested>> Handle(RequestOtpCommand command, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Parse(command.Email!);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<OtpChallenge>()
            .Where(c => c.Email == email.Value && c.ConsumedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedUtc, now), cancellationToken);

        var code = OtpHasher.NewCode();
        db.Set<OtpChallenge>().Add(new OtpChallenge(email, hasher.Hash(email, code), now, now + options.OtpLifetime));
        outbox.Enqueue(Message(email, code, options.OtpLifetimeMinutes));
        metrics.OtpSent();
        return new OtpRequested(options.OtpLifetimeMinutes);
    }

    private static OutgoingEmail Message(EmailAddress email, string code, int minutes)
    {
        var text = $"""
            Your sign-in code is {code}

            It is valid for {minutes} minutes and works once. Nobody from us will ever ask you for it.
            If you did not ask to sign in, you can ignore this email.
            """;
        var html = $"""
            <p>Your sign-in code is</p>
            <p style="font-size:28px;font-weight:bold;letter-spacing:4px">{WebUtility.HtmlEncode(code)}</p>
            <p>It is valid for {minutes} minutes and works once. Nobody from us will ever ask you for it.<br>
            If you did not ask to sign in, you can ignore this email.</p>
            """;
        return new OutgoingEmail(EmailKind, email.Value, "Your sign-in code", text, html, []);
    }
}
