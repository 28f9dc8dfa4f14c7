using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Domain.Catalogue;
using AppointEase.Infrastructure.Redis;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using AppointEase.WebApi.IntegrationTests.Jobs;
using AppointEase.WebApi.IntegrationTests.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Availability;

/// <summary>
/// Two instances of one deployment on one Redis: a catalogue change committed on one drops the other's cached catalogue
/// through the Redis channel. Both clocks are pinned, so the 5-second cache can never simply expire during the test:
/// only the announcement can make the second instance see the change.
/// </summary>
public sealed class CatalogueBroadcastTests
{
    [Fact]
    public async Task Closure_SavedOnOneInstance_ClosesTheDayOnTheOtherInstance_BeforeItsCacheExpires()
    {
        await using var instances = TwoInstances.Start(TestServers.Redis, otpPerEmailLimit: 5);
        var reader = instances.Second.CreateClient();
        await instances.Second.Services.GetRequiredService<RedisCatalogueChangeBroadcast>().Subscribed;
        var services = await reader.GetFromJsonAsync<JsonElement[]>("/api/v1/services");
        var haircut = services!.Single(s => s.GetProperty("name").GetString() == "Haircut").GetProperty("id").GetInt32();
        var date = TestDates.Weekday(6);
        var url = $"/api/v1/availability?date={date.Text()}&employeeId=1&serviceId={haircut}";
        Assert.NotEmpty((await reader.GetFromJsonAsync<JsonElement>(url)).GetProperty("slots").EnumerateArray()); // caches the catalogue

        await instances.First.WithDbAsync(async db =>
        {
            db.Closures.Add(new Closure(date, "Burst pipe"));
            await db.SaveChangesAsync();
        });

        await Eventually.WaitUntilAsync(async () =>
                !(await reader.GetFromJsonAsync<JsonElement>(url)).GetProperty("slots").EnumerateArray().Any(),
            TimeSpan.FromSeconds(10), "the second instance to stop offering slots on the closed day");
    }
}
