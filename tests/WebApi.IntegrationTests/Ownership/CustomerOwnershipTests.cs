using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Bookings;
using AppointEase.WebApi.IntegrationTests.Identity;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Ownership;

/// <summary>
/// Real OTP sessions against the real appointment endpoints: a signed-in customer reaches only their own bookings,
/// and someone else's look exactly like ids that do not exist (404), so ids cannot be probed.
/// </summary>
public abstract class CustomerOwnershipTests(AppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<(int AliceId, int BobId, string Alice, string Bob)> TwoCustomersWithOneBookingEachAsync(int day)
    {
        var api = new BookingApi(app, _client);
        var service = await api.ServiceIdAsync("Haircut");
        var employee = await api.EmployeeIdAsync();
        var alice = AuthApi.NewEmail("alice");
        var bob = AuthApi.NewEmail("bob");
        var date = TestDates.Weekday(day);
        var aliceBooking = await api.ConfirmOkAsync(BookingApi.Body(service, employee, date, "09:00", name: "Alice", email: alice));
        var bobBooking = await api.ConfirmOkAsync(BookingApi.Body(service, employee, date, "10:00", name: "Bob", email: bob));
        // The confirmation mail must be in before signing in, or it could be taken for the sign-in code's message.
        await SmtpSink.WaitForMessagesAsync(alice);
        return (aliceBooking.GetProperty("id").GetInt32(), bobBooking.GetProperty("id").GetInt32(), alice, bob);
    }

    [Fact]
    public async Task SignedInCustomer_ReadsOwnAppointment_ButNotAnotherCustomers()
    {
        var (aliceId, bobId, alice, _) = await TwoCustomersWithOneBookingEachAsync(day: 3);
        var token = await _client.SignInAsync(alice);

        var own = await _client.SendWithTokenAsync(HttpMethod.Get, $"/api/v1/appointments/{aliceId}", token);
        var other = await _client.SendWithTokenAsync(HttpMethod.Get, $"/api/v1/appointments/{bobId}", token);
        var missing = await _client.SendWithTokenAsync(HttpMethod.Get, "/api/v1/appointments/987654", token);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        await other.AssertProblemAsync(HttpStatusCode.NotFound);
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(await Problem(missing, "title"), await Problem(other, "title"));
    }

    [Fact]
    public async Task SignedInCustomer_CannotCancelOrRescheduleAnotherCustomersAppointment()
    {
        var (_, bobId, alice, _) = await TwoCustomersWithOneBookingEachAsync(day: 4);
        var token = await _client.SignInAsync(alice);

        var cancel = await _client.SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/appointments/{bobId}", token);
        var move = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/appointments/{bobId}")
        {
            Content = JsonContent.Create(new { date = TestDates.Weekday(5).Text(), time = "11:00", lockToken = (string?)null, clientId = "alice-client-01" }),
        };
        move.Headers.Authorization = new("Bearer", token);
        var reschedule = await _client.SendAsync(move);

        await cancel.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.True(reschedule.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity,
            $"reschedule of another's booking must be refused, got {(int)reschedule.StatusCode}");
        await app.WithDbAsync(async db =>
        {
            var bob = await db.Appointments.FindAsync(bobId);
            Assert.Equal(AppointEase.Domain.Appointments.AppointmentStatus.Confirmed, bob!.Status);
            Assert.Equal(0, bob.Sequence);
        });
    }

    [Fact]
    public async Task SignedInCustomer_ListsOnlyOwnAppointments()
    {
        var (aliceId, bobId, alice, _) = await TwoCustomersWithOneBookingEachAsync(day: 6);
        var token = await _client.SignInAsync(alice);

        var response = await _client.SendWithTokenAsync(HttpMethod.Get, "/api/v1/appointments", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = (await response.Content.ReadFromJsonAsync<JsonElement[]>())!.Select(a => a.GetProperty("id").GetInt32()).ToList();
        Assert.Contains(aliceId, ids);
        Assert.DoesNotContain(bobId, ids);
    }

    [Fact]
    public async Task AnonymousCaller_WithABareId_GetsNothing()
    {
        var (aliceId, _, _, _) = await TwoCustomersWithOneBookingEachAsync(day: 7);

        var response = await _client.GetAsync($"/api/v1/appointments/{aliceId}");

        Assert.True((int)response.StatusCode is 401 or 403 or 404, $"a bare id must not be enough, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<string?> Problem(HttpResponseMessage response, string property) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty(property).GetString();
}

public sealed class CustomerOwnershipTestsOnSqlite(SqliteSignInAppFactory app) : CustomerOwnershipTests(app), IClassFixture<SqliteSignInAppFactory>;

public sealed class CustomerOwnershipTestsOnMariaDb(MariaDbSignInAppFactory app) : CustomerOwnershipTests(app), IClassFixture<MariaDbSignInAppFactory>;
