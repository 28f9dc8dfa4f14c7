using System.Net;
using System.Text.Json;
using AppointEase.Domain.Webhooks;
using AppointEase.WebApi.IntegrationTests.Admin;
using AppointEase.WebApi.IntegrationTests.Bookings;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using AppointEase.WebApi.IntegrationTests.Jobs;

namespace AppointEase.WebApi.IntegrationTests.Webhooks;

/// <summary>The SSRF guard with the production setting (Webhooks:AllowPrivateTargets off).</summary>
public sealed class WebhookTargetTests(AdminSqliteAppFactory app) : IClassFixture<AdminSqliteAppFactory>
{
    private readonly HttpClient _admin = app.CreateAdminClient();

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://192.168.0.10/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    public async Task Register_LoopbackOrPrivateTarget_IsRefusedUnlessAllowed(string url)
    {
        var response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/webhooks", new { url });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "url");
        Assert.Equal("webhook_target_refused", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Delivery_ToANameThatResolvesToLoopback_IsRefusedAtSendTime()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // A name, not an address literal: what registration cannot see (DNS, rebinding) the connect step must catch.
        var url = receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var endpointId = 0;
        await app.WithDbAsync(async db =>
        {
            var endpoint = new WebhookEndpoint(url, WebhookEventTypes.All, true, "whsec_" + Convert.ToBase64String(new byte[32]), DateTime.UtcNow);
            db.Add(endpoint);
            await db.SaveChangesAsync();
            endpointId = endpoint.Id;
        });
        var api = new BookingApi(app, app.CreateClient());
        try
        {
            await api.ConfirmOkAsync(BookingApi.Body(await api.ServiceIdAsync("Haircut"), await api.EmployeeIdAsync(), TestDates.Weekday(22), "09:30",
                email: "hook-ssrf@example.com"));

            JsonElement attempt = default;
            await Eventually.WaitUntilAsync(async () =>
            {
                var log = await (await _admin.GetAsync($"/api/v1/admin/webhooks/{endpointId}/deliveries")).JsonAsync();
                var attempts = log.EnumerateArray().SelectMany(d => d.GetProperty("log").EnumerateArray()).ToList();
                if (attempts.Count == 0) return false;
                attempt = attempts[0];
                return true;
            }, TimeSpan.FromSeconds(20), "the refused attempt in the delivery log");

            Assert.Equal(JsonValueKind.Null, attempt.GetProperty("statusCode").ValueKind);
            Assert.StartsWith("target_refused", attempt.GetProperty("error").GetString());
            Assert.Empty(receiver.Received);
        }
        finally
        {
            await _admin.DeleteAsync($"/api/v1/admin/webhooks/{endpointId}");
        }
    }
}
