using System.Globalization;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Sdk;

namespace AppointEase.WebApi.IntegrationTests.RateLimiting;

/// <summary>
/// Two app instances of one deployment: the same MariaDB database, the same Redis endpoint and key prefix, the same
/// OTP secret. Both share a clock pinned inside a rate-limit window, so a test can never straddle a window boundary.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private TwoInstances(AppFactory first, AppFactory second)
    {
        First = first;
        Second = second;
    }

    public AppFactory First { get; }
    public AppFactory Second { get; }
    public string Name => First.Name;

    public static TwoInstances Start(string? redisEndpoint, int otpPerEmailLimit, TimeProvider? clock = null)
    {
        var name = AppFactory.NewName();
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        clock ??= new FakeTimeProvider(MidWindow());
        AppFactory Create() => Configure(new AppFactory(DatabaseKind.MariaDb, useRedis: redisEndpoint is not null, sharedName: name), redisEndpoint, secret, otpPerEmailLimit, clock);
        var first = Create();
        _ = first.Services; // the first instance migrates and seeds before the second starts
        var second = Create();
        _ = second.Services;
        return new TwoInstances(first, second);
    }

    /// <summary>Ten minutes into the current hour: every window used here (≤ 1 h, epoch-aligned) has room left.</summary>
    public static DateTimeOffset MidWindow()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 10, 0, TimeSpan.Zero);
    }

    private static AppFactory Configure(AppFactory factory, string? redis, string secret, int limit, TimeProvider clock)
    {
        factory.With("Auth:OtpSecret", secret)
            .With("RateLimits:OtpPerEmail:PermitLimit", limit.ToString(CultureInfo.InvariantCulture))
            .With("RateLimits:OtpPerEmail:WindowSeconds", "3600");
        if (redis is not null) factory.With("ConnectionStrings:Redis", redis);
        factory.ConfigureServices = services => services.AddSingleton(clock);
        return factory;
    }

    public async ValueTask DisposeAsync()
    {
        await ((IAsyncLifetime)Second).DisposeAsync();
        await ((IAsyncLifetime)First).DisposeAsync();
    }
}
