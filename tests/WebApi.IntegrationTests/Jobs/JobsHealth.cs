using System.Net;
using System.Text.Json;

namespace AppointEase.WebApi.IntegrationTests.Jobs;

/// <summary>The "jobs" entry of /health/ready: Healthy once the storage answered, the recurring jobs are registered and the server runs.</summary>
public static class JobsHealth
{
    public static async Task<string?> StatusAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health/ready");
        return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable ? await StatusAsync(response) : null;
    }

    public static async Task<string?> StatusAsync(HttpResponseMessage response)
    {
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return json.GetProperty("checks").GetProperty("jobs").GetProperty("status").GetString();
    }

    /// <summary>Before triggering a recurring job: the app registers them in the background after it starts.</summary>
    public static Task WaitUntilRunningAsync(HttpClient client) =>
        Eventually.WaitUntilAsync(async () => await StatusAsync(client) == "Healthy", TimeSpan.FromSeconds(30),
            "job storage healthy, recurring jobs registered and the job server running");
}
