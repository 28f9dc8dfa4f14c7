using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Domain.Appointments;
using AppointEase.Infrastructure.Email;
using AppointEase.WebApi.IntegrationTests.Bookings;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.WebApi.IntegrationTests.Admin;

/// <summary>
/// Admins change any appointment through the same endpoints and rules as customers (X-Admin-Key instead of a session
/// or manage token), and the customer gets the same email.
/// </summary>
public sealed class AdminAppointmentChangeTests(AdminSqliteAppFactory app) : IClassFixture<AdminSqliteAppFactory>
{
    [Fact]
    public async Task AdminKey_CancelsAnyAppointment_AndTheCustomerIsEmailed()
    {
        var api = new BookingApi(app, app.CreateClient());
        var booked = await api.ConfirmOkAsync(BookingApi.Body(await api.ServiceIdAsync("Haircut"), await api.EmployeeIdAsync(),
            TestDates.Weekday(8), "14:00", email: "cancelled-by-admin@example.com"));
        var id = booked.GetProperty("id").GetInt32();

        var anonymous = await app.CreateClient().DeleteAsync($"/api/v1/appointments/{id}");
        var wrongKey = await app.CreateAdminClient("not-a-key").DeleteAsync($"/api/v1/appointments/{id}");
        var admin = await app.CreateAdminClient().DeleteAsync($"/api/v1/appointments/{id}");

        Assert.True((int)anonymous.StatusCode is 401 or 403 or 404, $"anonymous got {(int)anonymous.StatusCode}");
        Assert.True((int)wrongKey.StatusCode is 401 or 403 or 404, $"a wrong key got {(int)wrongKey.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal("cancelled", (await admin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(AppointmentStatus.Cancelled, (await db.Appointments.SingleAsync(a => a.Id == id)).Status);
            Assert.True(await db.Set<OutboxEmail>().AnyAsync(e => e.To == "cancelled-by-admin@example.com" && e.Kind == "booking-cancellation"));
        });
    }
}
