using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AppointEase.WebApi.IntegrationTests.Identity;

/// <summary>
/// Mail through the real SMTP sink and a controllable clock (starting at the real now), so code and session expiry
/// are tested by moving time rather than by sleeping.
/// </summary>
public class SignInAppFactory : AppFactory
{
    public const int SessionLifetimeMinutes = 30;

    public SignInAppFactory(DatabaseKind database) : base(database)
    {
        this.WithSmtpSink().With("Auth:SessionLifetimeMinutes", SessionLifetimeMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ConfigureServices = services => services.AddSingleton<TimeProvider>(Clock);
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
}

public sealed class SqliteSignInAppFactory() : SignInAppFactory(DatabaseKind.Sqlite);

public sealed class MariaDbSignInAppFactory() : SignInAppFactory(DatabaseKind.MariaDb);
