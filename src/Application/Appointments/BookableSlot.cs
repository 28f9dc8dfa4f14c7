using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Application.Appointments;

/// <summary>A slot that passed a booking's checks: the service, who performs it, and the grid slot it occupies.</summary>
public sealed record BookableSlot(Service Service, string EmployeeName, SlotKey Slot, GridSlot Grid);
