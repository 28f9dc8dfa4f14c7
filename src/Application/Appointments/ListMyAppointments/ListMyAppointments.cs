using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Persistence;
using AppointEase.Application.Common.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Appointments.ListMyAppointments;

/// <summary>The signed-in customer's appointments (past and future, cancelled included), soonest first.</summary>
public sealed record ListMyAppointmentsQuery : IQuery<Result<IReadOnlyList<AppointmentDto>>>
{
    public const int MaxItems = 500;
}

public sealed class ListMyAppointmentsHandler(IAppDbContext db, ICurrentUser user, ISettingsProvider settings)
    : IQueryHandler<ListMyAppointmentsQuery, Result<IReadOnlyList<AppointmentDto>>>
{
    public async ValueTask<Result<IReadOnlyList<AppointmentDto>>> Handle(ListMyAppointmentsQuery query, CancellationToken cancellationToken)
    {
        if (user.CustomerEmail is not { Length: > 0 } email)
            return Error.Forbidden("sign_in_required", "Sign in as a customer to list your appointments.");
        var normalised = email.Trim().ToLowerInvariant();
        var appointments = await db.Appointments
            .WithSpecification(new CustomerAppointmentsSpec(normalised, ListMyAppointmentsQuery.MaxItems))
            .ToListAsync(cancellationToken);
        var policy = (await settings.GetAsync(cancellationToken)).Policy;
        return appointments.Select(a => AppointmentDto.From(a, policy)).ToList();
    }
}
