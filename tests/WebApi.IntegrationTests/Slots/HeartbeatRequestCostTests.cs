using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Identity;
using AppointEase.Application.Identity.RequestOtp;
using AppointEase.Application.Slots;
using AppointEase.Application.Slots.GetHeartbeatSnapshot;
using AppointEase.Infrastructure.Persistence;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AppointEase.WebApi.IntegrationTests.Slots;

/// <summary>
/// What an anonymous heartbeat must not build (docs/decisions/070-anonymous-requests-build-no-auth-or-transaction-services.md): the session authenticator (and with it a
/// DbContext) when no token came, and the unit of work of the transaction behaviour, which only commands that ask for
/// a transaction get.
/// </summary>
public sealed class HeartbeatRequestCostTests(HeartbeatRequestCostTests.Factory app) : IClassFixture<HeartbeatRequestCostTests.Factory>
{
    public sealed class Factory : AppFactory
    {
        public int AuthenticatorsBuilt;
        public int ContextsResolved;

        public Factory() : base(DatabaseKind.Sqlite) =>
            ConfigureServices = services =>
            {
                services.Replace(ServiceDescriptor.Scoped(sp =>
                {
                    Interlocked.Increment(ref AuthenticatorsBuilt);
                    return ActivatorUtilities.CreateInstance<SessionAuthenticator>(sp);
                }));
                services.Replace(ServiceDescriptor.Scoped<IAppDbContext>(sp =>
                {
                    Interlocked.Increment(ref ContextsResolved);
                    return sp.GetRequiredService<AppDbContext>();
                }));
            };
    }

    [Fact]
    public void HeartbeatHandler_IsBuiltWithoutRentingADbContext_WhichItsScheduleReaderTakesOnlyWhenItQueries()
    {
        using var scope = app.Services.CreateScope();
        var before = Volatile.Read(ref app.ContextsResolved);

        ActivatorUtilities.CreateInstance<GetHeartbeatSnapshotHandler>(scope.ServiceProvider);
        var afterBuild = Volatile.Read(ref app.ContextsResolved);
        _ = scope.ServiceProvider.GetRequiredService<Lazy<IAppDbContext>>().Value;

        Assert.Equal(before, afterBuild);
        Assert.Equal(afterBuild + 1, Volatile.Read(ref app.ContextsResolved));
    }

    [Fact]
    public async Task AnonymousHeartbeat_BuildsNoSessionAuthenticator_ButABearerTokenStillGetsChecked()
    {
        var client = app.CreateClient();
        var before = Volatile.Read(ref app.AuthenticatorsBuilt);

        var heartbeat = await client.PostAsJsonAsync("/api/v1/heartbeat",
            new { date = TestDates.Weekday(3).Text(), employeeId = 1, clientId = "cost-" + Guid.NewGuid().ToString("N")[..12] });
        var afterHeartbeat = Volatile.Read(ref app.AuthenticatorsBuilt);
        var withToken = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/session");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-real-session-token");
        var session = await client.SendAsync(withToken);

        Assert.Equal(HttpStatusCode.OK, heartbeat.StatusCode);
        Assert.Equal(before, afterHeartbeat);
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        Assert.Equal(afterHeartbeat + 1, Volatile.Read(ref app.AuthenticatorsBuilt));
    }

    [Fact]
    public void HeartbeatPipeline_HasNoTransactionBehavior_WhileATransactionalCommandHasIt()
    {
        using var scope = app.Services.CreateScope();

        var heartbeat = scope.ServiceProvider.GetServices<IPipelineBehavior<GetHeartbeatSnapshotQuery, Result<HeartbeatSnapshot>>>().ToList();
        var otp = scope.ServiceProvider.GetServices<IPipelineBehavior<RequestOtpCommand, Result<OtpRequested>>>().ToList();

        Assert.Contains(heartbeat, b => b.GetType().Name.StartsWith("ValidationBehavior", StringComparison.Ordinal));
        Assert.DoesNotContain(heartbeat, b => b.GetType().Name.StartsWith("TransactionBehavior", StringComparison.Ordinal));
        Assert.Contains(otp, b => b.GetType().Name.StartsWith("TransactionBehavior", StringComparison.Ordinal));
        Assert.True(typeof(ITransactionalCommand).IsAssignableFrom(typeof(RequestOtpCommand)));
    }
}
