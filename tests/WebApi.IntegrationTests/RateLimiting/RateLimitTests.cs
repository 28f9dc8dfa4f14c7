using System.Net;
using AppointEase.Application.Common.Interfaces;
using AppointEase.WebApi.IntegrationTests.Identity;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AppointEase.WebApi.IntegrationTests.RateLimiting;

/// <summary>The limits on the auth endpoints one by one, on one instance (SQL counters).</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task OtpRequests_OverThePerIpLimit_Return429EvenForFreshAddresses()
    {
        await using var app = new AppFactory(DatabaseKind.Sqlite).With("RateLimits:OtpPerIp:PermitLimit", "2");
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await client.RequestCodeAsync(AuthApi.NewEmail("ip1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.RequestCodeAsync(AuthApi.NewEmail("ip2"))).StatusCode);
        var refused = await client.RequestCodeAsync(AuthApi.NewEmail("ip3"));

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        await ((IAsyncLifetime)app).DisposeAsync();
    }

    [Fact]
    public async Task VerifyAttempts_OverThePerEmailLimit_Return429()
    {
        await using var app = new AppFactory(DatabaseKind.Sqlite).With("RateLimits:VerifyPerEmail:PermitLimit", "3");
        var client = app.CreateClient();
        var email = AuthApi.NewEmail("verify");

        for (var i = 0; i < 3; i++)
            await (await client.VerifyAsync(email, "123456")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "code");
        var refused = await client.VerifyAsync(email, "123456");
        var otherEmail = await client.VerifyAsync(AuthApi.NewEmail("verify-other"), "123456");

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        await otherEmail.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "code");
        await ((IAsyncLifetime)app).DisposeAsync();
    }

    [Fact]
    public async Task OtpPerEmail_CountsAddressesCaseInsensitively()
    {
        await using var app = new AppFactory(DatabaseKind.Sqlite).With("RateLimits:OtpPerEmail:PermitLimit", "1");
        var client = app.CreateClient();
        var email = AuthApi.NewEmail("case");

        Assert.Equal(HttpStatusCode.Accepted, (await client.RequestCodeAsync(email)).StatusCode);

        await (await client.RequestCodeAsync(" " + email.ToUpperInvariant())).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        await ((IAsyncLifetime)app).DisposeAsync();
    }

    [Theory]
    [InlineData(DatabaseKind.MariaDb, false)]
    [InlineData(DatabaseKind.MariaDb, true)]
    [InlineData(DatabaseKind.Sqlite, false)]
    public async Task Limiter_UnderParallelHits_NeverAllowsMoreThanTheLimit(DatabaseKind database, bool redis)
    {
        await using var app = new AppFactory(database, useRedis: redis);
        // Pinned inside a window, so the burst cannot straddle a window boundary.
        app.ConfigureServices = services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(TwoInstances.MidWindow()));
        var limiter = app.Services.GetRequiredService<IRateLimiter>();
        var rule = new RateLimitRule("parallel_test", PermitLimit: 10, Window: TimeSpan.FromHours(1));
        var subject = Guid.NewGuid().ToString();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => limiter.HitAsync(rule, subject, CancellationToken.None).AsTask()));

        Assert.InRange(decisions.Count(d => d.Allowed), 1, 10);
        Assert.Equal(30, decisions.Max(d => d.Count));
        await ((IAsyncLifetime)app).DisposeAsync();
    }
}
