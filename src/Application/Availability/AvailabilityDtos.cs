namespace AppointEase.Application.Availability;

public sealed record SlotDto(string Time, string Status);

public sealed record DayAvailabilityDto(string Date, int EmployeeId, IReadOnlyList<SlotDto> Slots);
