using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Admin;

/// <summary>In Redis mode availability may be cached; an admin hours change must still show at once (the notifier drops it).</summary>
public sealed class AdminRedisCacheTests(AdminRedisCacheTests.RedisAdminAppFactory app) : IClassFixture<AdminRedisCacheTests.RedisAdminAppFactory>
{
    public sealed class RedisAdminAppFactory : AppFactory
    {
        public RedisAdminAppFactory() : base(DatabaseKind.MariaDb, useRedis: true) => this.WithAdminKeys();
    }

    [Fact]
    public async Task ChangingHours_AfterAvailabilityWasRead_ShowsAtOnceInRedisMode()
    {
        var admin = app.CreateAdminClient();
        var haircut = await admin.ServiceIdAsync("Haircut");
        var (employee, etag) = await admin.CreateWorkingEmployeeAsync(haircut);
        var date = TestDates.Weekday(2);
        var url = $"/api/v1/availability?date={date.Text()}&employeeId={employee}&serviceId={haircut}";
        async Task<List<string>> TimesAsync() => (await app.CreateClient().GetFromJsonAsync<JsonElement>(url))
            .GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("time").GetString()!).ToList();
        Assert.Contains("16:30", await TimesAsync());
        Assert.Contains("16:30", await TimesAsync());

        var changed = await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/employees/{employee}/hours",
            new { days = new[] { new { day = date.DayOfWeek.ToString().ToLowerInvariant(), opens = "09:00", closes = "11:00", breaks = Array.Empty<object>() } } },
            etag);
        await changed.JsonAsync();

        var after = await TimesAsync();
        Assert.Contains("10:30", after);
        Assert.DoesNotContain(after, t => string.CompareOrdinal(t, "11:00") >= 0);
    }
}
