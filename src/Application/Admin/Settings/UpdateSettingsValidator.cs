using AppointEase.Domain.Scheduling;
using FluentValidation;

namespace AppointEase.Application.Admin.Settings;

public sealed class UpdateSettingsValidator : AbstractValidator<UpdateSettingsCommand>
{
    public const int MaxNoticeMinutes = 30 * 24 * 60;
    public const int MaxHorizonDays = 730;
    public const int MaxCutoffMinutes = 30 * 24 * 60;

    public UpdateSettingsValidator()
    {
        RuleFor(c => c.BusinessName).NotEmpty().MaximumLength(BusinessSettings.MaxNameLength).OverridePropertyName("businessName");
        RuleFor(c => c.TimeZone).Must(TimeZones.IsKnown).WithMessage("TimeZone must be a known IANA time zone id, e.g. Europe/Berlin.")
            .OverridePropertyName("timeZone");
        RuleFor(c => c.SlotMinutes).NotNull().Must(m => m is null || SchedulingPolicy.AllowedGridMinutes.Contains(m.Value))
            .WithMessage($"Slot grid must be one of {string.Join(", ", SchedulingPolicy.AllowedGridMinutes)} minutes.")
            .OverridePropertyName("slotMinutes");
        RuleFor(c => c.MinimumNoticeMinutes).NotNull().InclusiveBetween(0, MaxNoticeMinutes).OverridePropertyName("minimumNoticeMinutes");
        RuleFor(c => c.BookingHorizonDays).NotNull().InclusiveBetween(1, MaxHorizonDays).OverridePropertyName("bookingHorizonDays");
        RuleFor(c => c.ChangeCutoffMinutes).NotNull().InclusiveBetween(0, MaxCutoffMinutes).OverridePropertyName("changeCutoffMinutes");
        // Same bounds as BusinessSettings.ChangeLiveState, so the domain never sees a value it rejects.
        RuleFor(c => c.SelectionTtlSeconds).NotNull().InclusiveBetween(1, 300).OverridePropertyName("selectionTtlSeconds");
        RuleFor(c => c.LockTtlSeconds).NotNull().InclusiveBetween(1, 3600).OverridePropertyName("lockTtlSeconds");
        RuleFor(c => c.HeartbeatIntervalMs).NotNull().InclusiveBetween(250, 60_000).OverridePropertyName("heartbeatIntervalMs");
    }
}
