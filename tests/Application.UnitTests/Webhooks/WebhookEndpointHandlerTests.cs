using AppointEase.Application.Admin.Webhooks;
using AppointEase.Application.Common.Results;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Application.Webhooks;
using AppointEase.Domain.Auditing;
using AppointEase.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.UnitTests.Webhooks;

[TestsFor(typeof(ListWebhooksHandler), typeof(RegisterWebhookHandler), typeof(DeleteWebhookHandler), typeof(RotateWebhookSecretHandler))]
public sealed class WebhookEndpointHandlerTests : IAsyncLifetime, IDisposable
{
    private readonly TestWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.SeedAsync();
        (_world.User.IsAdmin, _world.User.AdminKeyId) = (true, "ops");
    }

    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    private async Task<WebhookSecretDto> RegisterAsync(string url = "https://hooks.example.com/booking", IReadOnlyList<string>? events = null, bool? active = null)
    {
        var created = (await _world.Create<RegisterWebhookHandler>().Handle(new RegisterWebhookCommand(url, events, active), default)).Value!;
        await _world.Db.SaveChangesAsync(); // the audit row, saved at the unit of work's commit
        return created;
    }

    private async Task<List<AdminAuditEntry>> AuditAsync()
    {
        await using var db = _world.NewContext();
        return await db.Set<AdminAuditEntry>().OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task Register_WithoutEvents_SubscribesToAllBookingEvents_AndShowsANewSecretOnce()
    {
        var created = await RegisterAsync();

        Assert.Equal(("https://hooks.example.com/booking", true, TestWorld.Start.UtcDateTime), (created.Url, created.Active, created.CreatedAt));
        Assert.Equal(WebhookEventTypes.All.Order(StringComparer.Ordinal), created.Events);
        Assert.StartsWith(WebhookSecrets.Prefix, created.Secret);
        Assert.Equal(32, WebhookSecrets.KeyOf(created.Secret).Length);
        await using var db = _world.NewContext();
        var row = await db.Set<WebhookEndpoint>().SingleAsync();
        Assert.Equal((created.Id, created.Secret), (row.Id, row.Secret));
        // The list, and the audit trail, never carry the secret.
        var listed = Assert.Single(await _world.Create<ListWebhooksHandler>().Handle(new ListWebhooksQuery(), default));
        Assert.Equal((created.Id, created.Url, true, (DateTime?)null), (listed.Id, listed.Url, listed.Active, listed.DisabledAt));
        Assert.DoesNotContain(typeof(WebhookEndpointDto).GetProperties(), p => p.Name.Contains("Secret", StringComparison.Ordinal));
        var audit = Assert.Single(await AuditAsync());
        Assert.Equal(("ops", "webhook.create", created.Id.ToString(), (string?)null), (audit.KeyId, audit.Action, audit.EntityId, audit.BeforeJson));
        Assert.DoesNotContain(created.Secret, audit.AfterJson);
    }

    [Fact]
    public async Task Register_WithNamedEventsAndInactive_KeepsExactlyThose()
    {
        var created = await RegisterAsync("https://hooks.example.com/x", [WebhookEventTypes.BookingCancelled, WebhookEventTypes.BookingCancelled], active: false);

        Assert.Equal([WebhookEventTypes.BookingCancelled], created.Events);
        Assert.False(created.Active);
        await using var db = _world.NewContext();
        var row = await db.Set<WebhookEndpoint>().SingleAsync();
        Assert.False(row.Wants(WebhookEventTypes.BookingCancelled));
    }

    [Fact]
    public async Task Register_ARefusedTarget_NamesUrl_AndWritesNothing()
    {
        _world.WebhookTargets.Refusal = "Private addresses are not allowed.";

        var result = await _world.Create<RegisterWebhookHandler>().Handle(new RegisterWebhookCommand("https://10.0.0.5/hook", null, null), default);

        Assert.Equal((ErrorKind.Validation, "webhook_target_refused", "url"), (result.Error!.Kind, result.Error.Code, result.Error.Field));
        Assert.Equal([new Uri("https://10.0.0.5/hook")], _world.WebhookTargets.Checked);
        await using var db = _world.NewContext();
        Assert.Empty(await db.Set<WebhookEndpoint>().ToListAsync());
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task List_IsInRegistrationOrder()
    {
        var first = await RegisterAsync("https://a.example.com/");
        var second = await RegisterAsync("https://b.example.com/");

        var listed = await _world.Create<ListWebhooksHandler>().Handle(new ListWebhooksQuery(), default);

        Assert.Equal([first.Id, second.Id], listed.Select(e => e.Id));
    }

    [Fact]
    public async Task List_WithNoEndpoints_IsEmpty() =>
        Assert.Empty(await _world.Create<ListWebhooksHandler>().Handle(new ListWebhooksQuery(), default));

    [Fact]
    public async Task Rotate_ReplacesTheSecret_ShowsItOnce_AndAuditsWithoutIt()
    {
        var created = await RegisterAsync();

        var rotated = (await _world.Create<RotateWebhookSecretHandler>().Handle(new RotateWebhookSecretCommand(created.Id), default)).Value!;

        Assert.Equal((created.Id, created.Url, created.CreatedAt), (rotated.Id, rotated.Url, rotated.CreatedAt));
        Assert.StartsWith(WebhookSecrets.Prefix, rotated.Secret);
        Assert.NotEqual(created.Secret, rotated.Secret);
        await using var db = _world.NewContext();
        Assert.Equal(rotated.Secret, (await db.Set<WebhookEndpoint>().SingleAsync()).Secret);
        var audit = (await AuditAsync()).Last();
        Assert.Equal(("webhook.rotate-secret", created.Id.ToString()), (audit.Action, audit.EntityId));
        Assert.DoesNotContain(rotated.Secret, audit.AfterJson);
    }

    [Fact]
    public async Task Rotate_AnUnknownEndpoint_IsNotFound()
    {
        var result = await _world.Create<RotateWebhookSecretHandler>().Handle(new RotateWebhookSecretCommand(404), default);

        Assert.Equal((ErrorKind.NotFound, "webhook_not_found"), (result.Error!.Kind, result.Error.Code));
    }

    [Fact]
    public async Task Delete_RemovesTheEndpointWithItsDeliveries_AndAuditsTheBefore()
    {
        var created = await RegisterAsync();
        await using (var seed = _world.NewContext())
        {
            seed.Set<WebhookDelivery>().Add(new WebhookDelivery(created.Id, WebhookEventTypes.BookingCreated, "msg_1", "{}", TestWorld.Start.UtcDateTime));
            await seed.SaveChangesAsync();
        }

        var result = await _world.Create<DeleteWebhookHandler>().Handle(new DeleteWebhookCommand(created.Id), default);

        Assert.True(result.IsSuccess);
        await using var db = _world.NewContext();
        Assert.Empty(await db.Set<WebhookEndpoint>().ToListAsync());
        Assert.Empty(await db.Set<WebhookDelivery>().ToListAsync());
        var audit = (await AuditAsync()).Last();
        Assert.Equal(("webhook.delete", created.Id.ToString(), (string?)null), (audit.Action, audit.EntityId, audit.AfterJson));
        Assert.Contains(created.Url, audit.BeforeJson);
        Assert.Empty(await _world.Create<ListWebhooksHandler>().Handle(new ListWebhooksQuery(), default));
    }

    [Fact]
    public async Task Delete_AnUnknownEndpoint_IsNotFound()
    {
        var result = await _world.Create<DeleteWebhookHandler>().Handle(new DeleteWebhookCommand(404), default);

        Assert.Equal((ErrorKind.NotFound, "webhook_not_found"), (result.Error!.Kind, result.Error.Code));
    }
}
