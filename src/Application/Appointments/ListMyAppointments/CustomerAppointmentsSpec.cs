using AppointEase.Domain.Appointments;
using Ardalis.Specification;

namespace AppointEase.Application.Appointments.ListMyAppointments;

/// <summary>One customer's appointments (by normalised email), soonest first, at most <paramref name="take"/>.</summary>
public sealed class CustomerAppointmentsSpec : Specification<Appointment>
{
    public CustomerAppointmentsSpec(string normalisedEmail, int take)
    {
        Query.Where(a => a.CustomerEmail == normalisedEmail)
            .OrderBy(a => a.StartUtc).ThenBy(a => a.Id)
            .Take(take);
    }
}
