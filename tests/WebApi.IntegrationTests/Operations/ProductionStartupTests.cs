using System.Net;
using System.Text.Json;

namespace AppointEase.WebApi.IntegrationTests.Operations;

/// <summary>
/// The app started the way docs/operations.md tells an operator to: migrate as a release step, then start in
/// Production with the README's example configuration; and the ways such a start must fail cleanly.
/// </summary>
[Collection(AppProcessCollection.Name)]
public sealed class ProductionStartupTests
{
    // Generous: a process start takes 30-60 s on a loaded 2-core CI machine (measured), seconds when idle.
    private static readonly TimeSpan ExitBudget = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan ReadyBudget = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task ReadmeExample_AfterTheMigrateStep_StartsReadyWithoutDemoData()
    {
        await using var settings = new OperatorSettings();

        await using (var migrate = AppProcess.Start(settings.Values, "migrate"))
        {
            Assert.Equal(0, await migrate.WaitForExitAsync(ExitBudget));
            Assert.Contains("migration(s) applied", migrate.Output);
        }
        await using (var again = AppProcess.Start(settings.Values, "migrate"))
        {
            Assert.Equal(0, await again.WaitForExitAsync(ExitBudget));
            Assert.Contains("0 migration(s) applied", again.Output);
        }
        await using var app = AppProcess.Start(settings.Values);
        await app.WaitReadyAsync(ReadyBudget);

        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var services = JsonDocument.Parse(await client.GetStringAsync("/api/v1/services")).RootElement;
        Assert.Equal(JsonValueKind.Array, services.ValueKind);
        Assert.Equal(0, services.GetArrayLength());
        Assert.Equal(0, await settings.CountAsync("services"));
        Assert.Equal(0, await settings.CountAsync("employees"));
        Assert.Equal(1, await settings.CountAsync("business_settings"));
        Assert.DoesNotContain("Redis recovered", app.Output);
        Assert.DoesNotContain("No admin key configured", app.Output);
    }

    [Fact]
    public async Task ProductionStart_WithoutSmtp_RefusesNamingEmailSmtpHost()
    {
        await using var settings = new OperatorSettings();
        settings.With("Email:Smtp:Host", null);

        await using var app = AppProcess.Start(settings.Values);

        Assert.Equal(2, await app.WaitForExitAsync(ExitBudget));
        Assert.Contains("Email:Smtp:Host", app.Output);
        Assert.DoesNotContain("   at ", app.Output);
        Assert.False(await settings.DatabaseExistsAsync());
    }

    [Fact]
    public async Task ProductionStart_WithPickupModeChosen_StartsWithoutSmtp()
    {
        await using var settings = new OperatorSettings();
        settings.With("Email:Smtp:Host", null).With("Email:Mode", "Pickup").With("Email:PickupDirectory", Path.Combine(Path.GetTempPath(), settings.DatabaseName))
            .With("Database:MigrateOnStartup", "true");

        await using var app = AppProcess.Start(settings.Values);

        await app.WaitReadyAsync(ReadyBudget);
    }

    [Theory]
    [InlineData("Auth:OtpSecret", "too-short")]
    [InlineData("ConnectionStrings:Database", "this is ; not = a ; connection string=;")]
    [InlineData("ConnectionStrings:Redis", "nosuchoption=1")]
    [InlineData("Business:TimeZone", "Mars/Olympus_Mons")]
    [InlineData("Business:SlotMinutes", "7000")]
    [InlineData("Jobs:WorkerCount", "0")]
    [InlineData("Email:Mode", "Carrier-Pigeon")]
    [InlineData("Email:Smtp:Port", "70000")]
    [InlineData("Admin:ApiKeys:0:KeyHash", "not-a-hash")]
    [InlineData("Database:StartupWaitSeconds", "-1")]
    [InlineData("Database:StartupRetryMaxSeconds", "0")]
    [InlineData("Shutdown:DrainSeconds", "9999")]
    public async Task ConfigurationError_NamesItsKey_AndExitsWithoutATrace_BeforeTouchingTheDatabase(string key, string value)
    {
        await using var settings = new OperatorSettings();
        settings.With(key, value).With("Database:MigrateOnStartup", "true");

        await using var app = AppProcess.Start(settings.Values);

        Assert.Equal(2, await app.WaitForExitAsync(ExitBudget));
        Assert.Contains($"Configuration error: ", app.Output);
        Assert.Contains(key, app.Output);
        Assert.DoesNotContain("   at ", app.Output);
        Assert.DoesNotContain("Exception", app.Output);
        if (key != "ConnectionStrings:Database") Assert.False(await settings.DatabaseExistsAsync());
    }

    [Fact]
    public async Task MigrateCommand_WithABadConfiguration_ChangesNoSchema()
    {
        await using var settings = new OperatorSettings();
        settings.With("Auth:OtpSecret", "short");

        await using var migrate = AppProcess.Start(settings.Values, "migrate");

        Assert.Equal(2, await migrate.WaitForExitAsync(ExitBudget));
        Assert.Contains("Auth:OtpSecret", migrate.Output);
        Assert.False(await settings.DatabaseExistsAsync());
    }

    [Fact]
    public async Task ProductionStart_WithoutAdminKeys_WarnsOnce()
    {
        await using var settings = new OperatorSettings();
        settings.With("Admin:ApiKeys:0:Id", null).With("Admin:ApiKeys:0:KeyHash", null).With("Database:MigrateOnStartup", "true");

        await using var app = AppProcess.Start(settings.Values);
        await app.WaitReadyAsync(ReadyBudget);

        Assert.Single(app.Output.Split('\n'), line => line.Contains("No admin key configured (Admin:ApiKeys"));
    }

    [Fact]
    public async Task Sigterm_FailsReadinessFirst_ServesDuringTheDrain_ThenExits()
    {
        await using var settings = new OperatorSettings();
        settings.With("Database:MigrateOnStartup", "true").With("Shutdown:DrainSeconds", "3");
        await using var app = AppProcess.Start(settings.Values);
        await app.WaitReadyAsync(ReadyBudget);

        app.SendSigterm();

        var sawUnready = false;
        for (var i = 0; i < 20 && !sawUnready; i++)
        {
            sawUnready = await app.ReadyStatusAsync() == HttpStatusCode.ServiceUnavailable;
            if (!sawUnready) await Task.Delay(50);
        }
        Assert.True(sawUnready, "readiness did not turn 503 after SIGTERM\n" + app.Output);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/services")).StatusCode);
        Assert.Equal(0, await app.WaitForExitAsync(ExitBudget));
        Assert.Contains("readiness now fails", app.Output);
    }
}
