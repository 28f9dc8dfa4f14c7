using System.Net;
using System.Net.Http.Json;
using AppointEase.Infrastructure.SlotState.Redis;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AppointEase.WebApi.IntegrationTests.Bookings;

/// <summary>
/// The round-trip budget of a booking (issue 20, decision 127): a confirm with an Idempotency-Key is ONE transaction
/// with at most <see cref="CommandBudget"/> database commands inside it (the day's bookings, the appointment, then its
/// claims, webhook deliveries, outbox email and idempotent response as one batch), plus its BEGIN and COMMIT; a replay
/// is at most <see cref="ReplayBudget"/> reads and commits nothing. Every DbCommand and transaction EF runs while the app serves the request is recorded
/// (<see cref="RequestCommandRecorder"/>); a change that adds a statement to the confirm path fails here.
/// </summary>
public sealed class ConfirmRoundTripTests(ConfirmRoundTripTests.Factory app, ITestOutputHelper output)
    : IClassFixture<ConfirmRoundTripTests.Factory>, IAsyncLifetime
{
    /// <summary>The day's bookings (the slot check reads SQL on purpose), the appointment (its id is generated), the rest.</summary>
    public const int CommandBudget = 3;

    /// <summary>The day's bookings (the slot is booked: refused) and the key's look-up.</summary>
    public const int ReplayBudget = 2;

    private readonly BookingApi _api = new(app, app.CreateClient());

    public async Task InitializeAsync() => await app.Services.GetRequiredService<RedisHealthMonitor>().FirstCheckCompleted;

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Confirm_WithAnIdempotencyKey_IsOneTransactionWithinTheCommandBudget()
    {
        var (haircut, alex) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync());
        // Warm-up: catalogue and settings caches, the connection pool, the mail limiter's first hit.
        await ConfirmAsync(BookingApi.Body(haircut, alex, TestDates.Weekday(3), "09:00", email: "budget-warm@example.com"), Guid.NewGuid().ToString("N"));
        var date = TestDates.Weekday(4);
        var token = await _api.LockAsync(date, alex, "10:00", "budget-client");

        var (status, commands, transactions) = await ConfirmAsync(
            BookingApi.Body(haircut, alex, date, "10:00", lockToken: token.ToString(), email: "budget@example.com"), Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(["begin", "commit"], transactions);
        Assert.True(commands.Count <= CommandBudget,
            $"A confirm ran {commands.Count} database commands (budget {CommandBudget}):\n{string.Join("\n---\n", commands)}");
    }

    [Fact]
    public async Task Confirm_Replayed_ReadsWithinTheReplayBudget_AndCommitsNothing()
    {
        var (haircut, alex) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync());
        var body = BookingApi.Body(haircut, alex, TestDates.Weekday(5), "11:00", email: "budget-replay@example.com");
        var key = Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Created, (await ConfirmAsync(body, key)).Status);

        var (status, commands, transactions) = await ConfirmAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.DoesNotContain("commit", transactions);
        Assert.True(commands.Count <= ReplayBudget,
            $"A replay ran {commands.Count} database commands (budget {ReplayBudget}):\n{string.Join("\n---\n", commands)}");
    }

    private async Task<(HttpStatusCode Status, IReadOnlyList<string> Commands, IReadOnlyList<string> Transactions)> ConfirmAsync(object body, string key)
    {
        var requestId = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        request.Headers.Add(RequestCommandRecorder.Header, requestId);
        using var response = await _api.Client.SendAsync(request);
        var (commands, transactions) = (app.Commands.CommandsOf(requestId), app.Commands.TransactionsOf(requestId));
        output.WriteLine($"{(int)response.StatusCode}: {commands.Count} commands, transactions {string.Join(" ", transactions)}");
        foreach (var command in commands) output.WriteLine("--- " + command);
        return (response.StatusCode, commands, transactions);
    }

    /// <summary>MariaDB + Redis (the production pair) with each recorded request's SQL kept; no job server.</summary>
    public sealed class Factory : AppFactory
    {
        public Factory() : base(DatabaseKind.MariaDb, useRedis: true)
        {
            With("Jobs:RunServer", "false");
            ConfigureServices = services => Commands.Register(services, DatabaseKind.MariaDb);
        }

        public RequestCommandRecorder Commands { get; } = new();
    }
}
