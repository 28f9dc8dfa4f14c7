using System.Diagnostics;
using AppointEase.Infrastructure.Persistence;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace AppointEase.WebApi.IntegrationTests.Reliability;

/// <summary>
/// MySqlConnector waits for BEGIN's reply without a deadline; a unit of work that begins as MariaDB freezes must still
/// fail within the command timeout (FrozenServerProbeInterceptor, decision 075), not hang for the whole freeze.
/// </summary>
[Collection(ServerOutageCollection.Name)]
public sealed class FrozenBeginTests
{
    private static readonly TimeSpan Freeze = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task BeginTransaction_WhenMariaDbIsFrozen_FailsWithinTheCommandTimeout()
    {
        var app = new AppFactory(DatabaseKind.MariaDb).With("Database:CommandTimeoutSeconds", "1");
        await ((IAsyncLifetime)app).InitializeAsync();
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.OpenConnectionAsync(); // a pooled, open connection, as a unit of work under load has

            await TestMariaDb.FreezeAsync();
            // Thawed on a timer, not after BEGIN: a BEGIN that waits for the server would otherwise wait for ever.
            var thaw = Task.Delay(Freeze).ContinueWith(_ => TestMariaDb.ThawAsync(), TaskScheduler.Default).Unwrap();
            var waited = Stopwatch.StartNew();
            var failure = await Record.ExceptionAsync(() => db.Database.BeginTransactionAsync());
            waited.Stop();
            await thaw;

            var timeout = Assert.IsType<MySqlException>(failure);
            Assert.Equal(MySqlErrorCode.CommandTimeoutExpired, timeout.ErrorCode);
            Assert.True(waited.Elapsed < Freeze - TimeSpan.FromSeconds(1.5), $"BEGIN waited {waited.Elapsed.TotalMilliseconds:0} ms of a frozen server");
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }
}
