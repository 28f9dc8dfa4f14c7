using AppointEase.Application.Admin.Common;
using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.Settings;

/// <summary>The business-wide settings; <c>HeartbeatIntervalMs</c> is the polling pace suggested to clients.</summary>
public sealed record AdminSettingsDto(
    string BusinessName, string TimeZone, int SlotMinutes, int MinimumNoticeMinutes, int BookingHorizonDays, int ChangeCutoffMinutes,
    int SelectionTtlSeconds, int LockTtlSeconds, int HeartbeatIntervalMs, int Version)
{
    public static AdminSettingsDto From(BusinessSettings s) => new(s.BusinessName, s.TimeZoneId, s.SlotMinutes, s.MinimumNoticeMinutes,
        s.BookingHorizonDays, s.ChangeCutoffMinutes, s.SelectionTtlSeconds, s.LockTtlSeconds, s.HeartbeatIntervalMs, s.Version);
}

public sealed record GetSettingsQuery : IQuery<AdminSettingsDto>;

/// <summary>Replaces all settings at once (PUT semantics). Appointments keep their UTC instants whatever changes.</summary>
public sealed record UpdateSettingsCommand(
    int? IfMatch, string? BusinessName, string? TimeZone, int? SlotMinutes, int? MinimumNoticeMinutes, int? BookingHorizonDays,
    int? ChangeCutoffMinutes, int? SelectionTtlSeconds, int? LockTtlSeconds, int? HeartbeatIntervalMs) : ICommand<Result<AdminSettingsDto>>, ITransactionalCommand;

public sealed class GetSettingsHandler(IAppDbContext db) : IQueryHandler<GetSettingsQuery, AdminSettingsDto>
{
    public async ValueTask<AdminSettingsDto> Handle(GetSettingsQuery query, CancellationToken cancellationToken) =>
        AdminSettingsDto.From(await db.BusinessSettings.AsNoTracking().SingleAsync(cancellationToken));
}

public sealed class UpdateSettingsHandler(IAppDbContext db, ISettingsProvider settings, AdminAuditLog audit, AvailabilityInvalidator availability)
    : ICommandHandler<UpdateSettingsCommand, Result<AdminSettingsDto>>
{
    public async ValueTask<Result<AdminSettingsDto>> Handle(UpdateSettingsCommand command, CancellationToken cancellationToken)
    {
        var row = await db.BusinessSettings.SingleAsync(cancellationToken);
        if (Precondition.Check(command.IfMatch, row.Version) is { } stale) return stale;

        var grid = command.SlotMinutes!.Value;
        var offGrid = await db.Services.Where(s => s.IsActive && s.DurationMinutes % grid != 0).Select(s => s.Name).ToListAsync(cancellationToken);
        if (offGrid.Count > 0)
            return Error.Invalid("slotMinutes", "services_off_grid",
                $"Active services would not fit the {grid}-minute grid: {string.Join(", ", offGrid)}. Change their durations first.");

        var before = AdminSettingsDto.From(row);
        row.Change(command.BusinessName!, TimeZones.ToIana(command.TimeZone!), grid, command.MinimumNoticeMinutes!.Value,
            command.BookingHorizonDays!.Value, command.ChangeCutoffMinutes!.Value);
        row.ChangeLiveState(command.SelectionTtlSeconds!.Value, command.LockTtlSeconds!.Value, command.HeartbeatIntervalMs!.Value);
        var after = AdminSettingsDto.From(row);
        audit.Record("settings.update", "settings", row.Id, before, after);
        if (!await SaveChanges.TrySaveAsync(db, cancellationToken)) return Precondition.Stale();
        settings.Invalidate();

        if (before with { BusinessName = "", SelectionTtlSeconds = 0, LockTtlSeconds = 0, HeartbeatIntervalMs = 0, ChangeCutoffMinutes = 0, Version = 0 }
            != after with { BusinessName = "", SelectionTtlSeconds = 0, LockTtlSeconds = 0, HeartbeatIntervalMs = 0, ChangeCutoffMinutes = 0, Version = 0 })
            await availability.AllEmployeesAsync(_ => true, cancellationToken);
        return after;
    }
}
