using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Scale;

/// <summary>The few public-API calls the multi-process scale-out tests make, against any instance or nginx.</summary>
internal static class ScaleOutApi
{
    public static async Task<int> ServiceIdAsync(HttpClient client, string name) =>
        (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/services"))!
            .Single(s => s.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();

    public static async Task<int> EmployeeIdAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/employees"))!
            .Single(e => e.GetProperty("name").GetString() == "Alex Morgan").GetProperty("id").GetInt32();

    /// <summary>The first <paramref name="count"/> free slots of the employee, from the given weekday on.</summary>
    public static async Task<List<(DateOnly Date, string Time)>> FreeSlotsAsync(HttpClient client, int serviceId, int employeeId, int firstWeekday, int count)
    {
        var slots = new List<(DateOnly, string)>();
        for (var day = firstWeekday; slots.Count < count; day++)
        {
            Assert.True(day < firstWeekday + 50, $"only {slots.Count} free slots in 50 weekdays");
            var date = TestDates.Weekday(day);
            var availability = await client.GetFromJsonAsync<JsonElement>($"/api/v1/availability?date={date.Text()}&employeeId={employeeId}&serviceId={serviceId}");
            slots.AddRange(availability.GetProperty("slots").EnumerateArray()
                .Where(s => s.GetProperty("status").GetString() == "available")
                .Select(s => (date, s.GetProperty("time").GetString()!)));
        }
        return slots.Take(count).ToList();
    }

    public static async Task<JsonElement> HeartbeatAsync(HttpClient client, DateOnly date, int employeeId, string clientId)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/heartbeat", new { date = date.Text(), employeeId, clientId });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"heartbeat answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static Task<HttpResponseMessage> LockAsync(HttpClient client, DateOnly date, int employeeId, string time, string clientId) =>
        client.PostAsJsonAsync("/api/v1/slots/lock", new { date = date.Text(), employeeId, time, clientId });

    /// <summary>How long until the condition first holds (polled every 20 ms, up to 5 s).</summary>
    public static async Task<TimeSpan> TimeUntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "not seen within 5 s");
            await Task.Delay(20);
        }
        return clock.Elapsed;
    }
}
