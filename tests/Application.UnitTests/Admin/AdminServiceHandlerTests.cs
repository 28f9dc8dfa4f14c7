using AppointEase.Application.Admin.Services;
using AppointEase.Application.Common.Results;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.UnitTests.Admin;

[TestsFor(typeof(AdminListServicesHandler), typeof(AdminGetServiceHandler), typeof(CreateServiceHandler), typeof(UpdateServiceHandler),
    typeof(DeactivateServiceHandler))]
public sealed class AdminServiceHandlerTests : IAsyncLifetime, IDisposable
{
    private readonly TestWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.SeedAsync();
        (_world.User.IsAdmin, _world.User.AdminKeyId) = (true, "ops");
    }

    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    private async Task<List<AdminAuditEntry>> AuditAsync()
    {
        await using var db = _world.NewContext();
        return await db.Set<AdminAuditEntry>().OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task CreateService_SavesItAndAuditsItUnderTheAdminsKey()
    {
        var created = (await _world.Create<CreateServiceHandler>().Handle(new CreateServiceCommand("Colour", 60, 80m, 0, 15), default)).Value!;
        await _world.Db.SaveChangesAsync(); // the unit of work's commit

        Assert.Equal(("Colour", 60, 15, true), (created.Name, created.DurationMinutes, created.BufferAfterMinutes, created.IsActive));
        var listed = await _world.Create<AdminListServicesHandler>().Handle(new AdminListServicesQuery(), default);
        Assert.Equal(["Colour", "Cut"], listed.Select(s => s.Name));
        var audit = Assert.Single(await AuditAsync());
        Assert.Equal(("ops", "service.create", created.Id.ToString(), (string?)null), (audit.KeyId, audit.Action, audit.EntityId, audit.BeforeJson));
    }

    [Fact]
    public async Task CreateService_OffTheGrid_NamesDurationMinutes()
    {
        var result = await _world.Create<CreateServiceHandler>().Handle(new CreateServiceCommand("Odd", 20, 10m, null, null), default);

        Assert.Equal(("duration_not_on_grid", "durationMinutes"), (result.Error!.Code, result.Error.Field));
    }

    [Fact]
    public async Task UpdateService_WithTheCurrentVersion_ChangesItAndDropsCachedAvailabilityOfItsEmployees()
    {
        var current = (await _world.Create<AdminGetServiceHandler>().Handle(new AdminGetServiceQuery(_world.ServiceId), default)).Value!;

        var updated = (await _world.Create<UpdateServiceHandler>()
            .Handle(new UpdateServiceCommand(_world.ServiceId, current.Version, "Long cut", 45, 30m, 0, 0, null), default)).Value!;

        Assert.Equal(("Long cut", 45, current.Version + 1), (updated.Name, updated.DurationMinutes, updated.Version));
        Assert.Equal(31, _world.Notifier.Changed.Count); // today and the 30 bookable days ahead, for the one employee
        Assert.All(_world.Notifier.Changed, c => Assert.Equal(_world.EmployeeId, c.EmployeeId));
    }

    [Fact]
    public async Task UpdateService_WithAStaleOrMissingVersion_IsAPreconditionError()
    {
        var stale = await _world.Create<UpdateServiceHandler>().Handle(new UpdateServiceCommand(_world.ServiceId, 42, "X", 30, 1m, 0, 0, null), default);
        var missing = await _world.Create<UpdateServiceHandler>().Handle(new UpdateServiceCommand(_world.ServiceId, null, "X", 30, 1m, 0, 0, null), default);

        Assert.Equal(ErrorKind.PreconditionFailed, stale.Error!.Kind);
        Assert.Equal(ErrorKind.PreconditionRequired, missing.Error!.Kind);
    }

    [Fact]
    public async Task DeactivateService_HidesItFromCustomers_AndAuditsBeforeAndAfter()
    {
        var version = (await _world.Create<AdminGetServiceHandler>().Handle(new AdminGetServiceQuery(_world.ServiceId), default)).Value!.Version;

        var result = (await _world.Create<DeactivateServiceHandler>().Handle(new DeactivateServiceCommand(_world.ServiceId, version), default)).Value!;

        Assert.False(result.IsActive);
        var audit = Assert.Single(await AuditAsync());
        Assert.Contains("\"isActive\":true", audit.BeforeJson);
        Assert.Contains("\"isActive\":false", audit.AfterJson);
    }

    [Fact]
    public async Task GetOrDeactivate_AnUnknownService_IsNotFound()
    {
        var get = await _world.Create<AdminGetServiceHandler>().Handle(new AdminGetServiceQuery(999), default);
        var deactivate = await _world.Create<DeactivateServiceHandler>().Handle(new DeactivateServiceCommand(999, 1), default);

        Assert.Equal(("service_not_found", "service_not_found"), (get.Error!.Code, deactivate.Error!.Code));
    }
}
