using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using Mediator;

namespace AppointEase.Application.Appointments.GetAppointment;

/// <summary>One appointment, for an admin, the customer who booked it, or the holder of its manage token.</summary>
public sealed record GetAppointmentQuery(int Id, string? ManageToken) : IQuery<Result<AppointmentDto>>;

public sealed class GetAppointmentHandler(AppointmentAccess access, ISettingsProvider settings) : IQueryHandler<GetAppointmentQuery, Result<AppointmentDto>>
{
    public async ValueTask<Result<AppointmentDto>> Handle(GetAppointmentQuery query, CancellationToken cancellationToken)
    {
        var appointment = await access.FindAsync(query.Id, query.ManageToken, forUpdate: false, cancellationToken);
        if (appointment is null) return AppointmentAccess.NotFound;
        return AppointmentDto.From(appointment, (await settings.GetAsync(cancellationToken)).Policy);
    }
}
