using AppointEase.Application.Admin.Webhooks;
using AppointEase.Application.Common.Results;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.UnitTests.Webhooks;

[TestsFor(typeof(ListWebhookDeliveriesHandler), typeof(RedeliverWebhookHandler))]
public sealed class WebhookDeliveryHandlerTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTime Now = TestWorld.Start.UtcDateTime;
    private readonly TestWorld _world = new();
    private int _endpointId;
    private int _otherEndpointId;

    public async Task InitializeAsync()
    {
        await _world.SeedAsync();
        _world.User.IsAdmin = true;
        await using var db = _world.NewContext();
        var endpoint = new WebhookEndpoint("https://a.example.com/", WebhookEventTypes.All, true, "whsec_a", Now);
        var other = new WebhookEndpoint("https://b.example.com/", WebhookEventTypes.All, true, "whsec_b", Now);
        db.Set<WebhookEndpoint>().AddRange(endpoint, other);
        await db.SaveChangesAsync();
        (_endpointId, _otherEndpointId) = (endpoint.Id, other.Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    private async Task<WebhookDelivery> AddDeliveryAsync(int endpointId, string messageId, Action<WebhookDelivery>? then = null)
    {
        await using var db = _world.NewContext();
        var delivery = new WebhookDelivery(endpointId, WebhookEventTypes.BookingCreated, messageId, "{}", Now.AddMinutes(-30));
        then?.Invoke(delivery);
        db.Set<WebhookDelivery>().Add(delivery);
        await db.SaveChangesAsync();
        return delivery;
    }

    private async Task AddAttemptAsync(int deliveryId, int attempt, int? status, string? error)
    {
        await using var db = _world.NewContext();
        db.Set<WebhookDeliveryAttempt>().Add(new WebhookDeliveryAttempt(deliveryId, attempt, Now.AddMinutes(-30 + attempt), status, 120, error, null));
        await db.SaveChangesAsync();
    }

    private async Task<Result<IReadOnlyList<WebhookDeliveryDto>>> ListAsync(int id, int? limit = null) =>
        await _world.Create<ListWebhookDeliveriesHandler>().Handle(new ListWebhookDeliveriesQuery(id, limit), default);

    [Fact]
    public async Task List_ShowsTheEndpointsDeliveriesNewestFirst_EachWithItsAttemptsInOrder()
    {
        var failed = await AddDeliveryAsync(_endpointId, "msg_old", d => d.AttemptFailed(null));
        await AddAttemptAsync(failed.Id, 2, 500, "HTTP 500");
        await AddAttemptAsync(failed.Id, 1, null, "timeout");
        var delivered = await AddDeliveryAsync(_endpointId, "msg_new", d => d.Delivered(Now));
        await AddDeliveryAsync(_otherEndpointId, "msg_elsewhere");

        var list = (await ListAsync(_endpointId)).Value!;

        Assert.Equal(["msg_new", "msg_old"], list.Select(d => d.MessageId));
        Assert.Equal(("delivered", 1, (DateTime?)Now, (DateTime?)null), (list[0].Status, list[0].Attempts, list[0].DeliveredAt, list[0].NextAttemptAt));
        Assert.Equal(delivered.Id, list[0].Id);
        Assert.Empty(list[0].Log);
        Assert.Equal("failed", list[1].Status);
        Assert.Null(list[1].NextAttemptAt); // nothing is due for a delivery that gave up
        Assert.Equal([(1, (int?)null, "timeout"), (2, 500, "HTTP 500")], list[1].Log.Select(a => (a.Attempt, a.StatusCode, a.Error)));
    }

    [Fact]
    public async Task List_APendingDelivery_SaysWhenItIsNextDue()
    {
        await AddDeliveryAsync(_endpointId, "msg_retry", d => d.AttemptFailed(Now.AddMinutes(5)));

        var pending = Assert.Single((await ListAsync(_endpointId)).Value!);

        Assert.Equal(("pending", 1, (DateTime?)Now.AddMinutes(5)), (pending.Status, pending.Attempts, pending.NextAttemptAt));
    }

    [Fact]
    public async Task List_KeepsToTheLimit_AndClampsANonPositiveOneToOne()
    {
        foreach (var n in Enumerable.Range(1, 4)) await AddDeliveryAsync(_endpointId, $"msg_{n}");

        Assert.Equal(["msg_4", "msg_3"], (await ListAsync(_endpointId, 2)).Value!.Select(d => d.MessageId));
        Assert.Equal(["msg_4"], (await ListAsync(_endpointId, 0)).Value!.Select(d => d.MessageId));
        Assert.Equal(4, (await ListAsync(_endpointId)).Value!.Count);
    }

    [Fact]
    public async Task List_ForAnUnknownEndpoint_IsNotFound()
    {
        var result = await ListAsync(404);

        Assert.Equal((ErrorKind.NotFound, "webhook_not_found"), (result.Error!.Kind, result.Error.Code));
    }

    [Fact]
    public async Task Redeliver_MakesAFailedDeliveryDueNowWithFreshAttempts_AndDispatchesItAfterCommit()
    {
        var failed = await AddDeliveryAsync(_endpointId, "msg_failed", d => { d.AttemptFailed(Now.AddMinutes(1)); d.AttemptFailed(null); });
        await AddAttemptAsync(failed.Id, 1, 503, "HTTP 503");

        var dto = (await _world.Create<RedeliverWebhookHandler>().Handle(new RedeliverWebhookCommand(_endpointId, failed.Id), default)).Value!;

        Assert.Equal((failed.Id, "msg_failed", "pending", 0, (DateTime?)Now), (dto.Id, dto.MessageId, dto.Status, dto.Attempts, dto.NextAttemptAt));
        Assert.Equal([(1, (int?)503)], dto.Log.Select(a => (a.Attempt, a.StatusCode))); // the old log stays
        Assert.Equal([failed.Id], _world.Webhooks.Dispatched);
        Assert.Equal(1, _world.AfterCommit.Deferred);
        await using var db = _world.NewContext();
        var row = await db.Set<WebhookDelivery>().SingleAsync(d => d.Id == failed.Id);
        Assert.Equal((WebhookDeliveryStatus.Pending, 0, Now, "msg_failed"), (row.Status, row.Attempts, row.NextAttemptUtc, row.MessageId));
    }

    [Fact]
    public async Task Redeliver_ADeliveryOfAnotherEndpoint_IsNotFound_AndSendsNothing()
    {
        var elsewhere = await AddDeliveryAsync(_otherEndpointId, "msg_elsewhere", d => d.AttemptFailed(null));

        var result = await _world.Create<RedeliverWebhookHandler>().Handle(new RedeliverWebhookCommand(_endpointId, elsewhere.Id), default);

        Assert.Equal((ErrorKind.NotFound, "webhook_delivery_not_found"), (result.Error!.Kind, result.Error.Code));
        Assert.Empty(_world.Webhooks.Dispatched);
        await using var db = _world.NewContext();
        Assert.Equal(WebhookDeliveryStatus.Failed, (await db.Set<WebhookDelivery>().SingleAsync(d => d.Id == elsewhere.Id)).Status);
    }
}
