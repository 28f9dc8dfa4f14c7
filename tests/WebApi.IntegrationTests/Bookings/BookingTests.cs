using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Domain.Appointments;
using AppointEase.Infrastructure.Email;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.WebApi.IntegrationTests.Bookings;

/// <summary>The booking lifecycle over HTTP, on every database. Each test books on its own weekday so tests never collide.</summary>
public abstract class BookingTests(AppFactory app)
{
    private readonly BookingApi _api = new(app, app.CreateClient());

    [Fact]
    public async Task Confirm_WithValidRequest_Returns201WithReferenceAndManageToken()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(0));

        var response = await _api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "10:00", email: "first-booking@example.com", phone: "+49 30 1234567", notes: "Window seat"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Matches("^APT-\\d{4}-\\d{6}$", body.GetProperty("reference").GetString());
        Assert.Equal("confirmed", body.GetProperty("status").GetString());
        Assert.Equal(haircut, body.GetProperty("serviceId").GetInt32());
        Assert.Equal(alex, body.GetProperty("employeeId").GetInt32());
        Assert.Equal(date.Text(), body.GetProperty("date").GetString());
        Assert.Equal("10:00", body.GetProperty("time").GetString());
        Assert.Equal("first-booking@example.com", body.GetProperty("customer").GetProperty("email").GetString());
        Assert.Equal("+49 30 1234567", body.GetProperty("customer").GetProperty("phone").GetString());
        var token = body.GetProperty("manageToken").GetString()!;
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.Equal($"/api/v1/appointments/{body.GetProperty("id").GetInt32()}", response.Headers.Location?.OriginalString);
        Assert.Equal("booked", await _api.SlotStatusAsync(date, alex, haircut, "10:00"));

        var id = body.GetProperty("id").GetInt32();
        await app.WithDbAsync(async db =>
        {
            var stored = await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == id);
            Assert.NotEqual(token, stored.ManageTokenHash);
            Assert.Equal(ManageToken.HashOf(token), stored.ManageTokenHash);
            Assert.Equal(1, await db.Set<AppointmentClaim>().CountAsync(c => c.AppointmentId == id));
            Assert.Equal(1, await db.Set<OutboxEmail>().CountAsync(e => e.To == "first-booking@example.com" && e.Kind == "booking-confirmation"));
        });
    }

    [Fact]
    public async Task Confirm_SameStartTwice_SecondReturns409()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(1));
        await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "11:00"));

        var second = await _api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "11:00", name: "Grace Hopper", email: "grace@example.com"));

        var problem = await second.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("slot_taken", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Confirm_HalfHourServiceInsideAnHourLongOne_Returns409()
    {
        var (consultation, haircut, alex, date) = (await _api.ServiceIdAsync("Consultation"), await _api.ServiceIdAsync("Haircut"),
            await _api.EmployeeIdAsync(), TestDates.Weekday(2));
        await _api.ConfirmOkAsync(BookingApi.Body(consultation, alex, date, "10:00"));

        var overlapping = await _api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "10:30"));

        await overlapping.AssertProblemAsync(HttpStatusCode.Conflict);
        await app.WithDbAsync(async db => Assert.Equal(2, await db.Set<AppointmentClaim>().CountAsync(c => c.EmployeeId == alex
            && c.CellStartUtc >= date.ToDateTime(TimeOnly.MinValue) && c.CellStartUtc < date.AddDays(1).ToDateTime(TimeOnly.MinValue))));
    }

    [Fact]
    public async Task Confirm_WhenSlotLockedByAnotherClient_Returns409_AndWithTheLockTokenSucceeds()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(3));
        var token = await _api.LockAsync(date, alex, "14:00", "client-holder-1");

        var withoutToken = await _api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "14:00"));
        var wrongSlotToken = await _api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "14:30", lockToken: token.ToString()));
        var withToken = await _api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "14:00", lockToken: token.ToString()));

        Assert.Equal("slot_locked", (await withoutToken.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());
        await wrongSlotToken.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "lockToken");
        Assert.Equal(HttpStatusCode.Created, withToken.StatusCode);
        Assert.Equal("booked", await _api.SlotStatusAsync(date, alex, haircut, "14:00"));
        Assert.Null(await app.Services.GetRequiredServiceOf<AppointEase.Application.Common.Interfaces.ISlotStateStore>()
            .GetLockAsync(token.Slot, CancellationToken.None));
    }

    [Fact]
    public async Task Confirm_WithExpiredOrForeignLockToken_Returns409()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(4));
        var real = await _api.LockAsync(date, alex, "15:00", "client-holder-2");
        var forged = real with { Secret = new string('a', 32) };

        var response = await _api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "15:00", lockToken: forged.ToString()));

        Assert.Equal("lock_not_held", (await response.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Get_OnlyWithTokenSessionOrAdmin_OthersSee404()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(5));
        var booked = await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "09:00", email: "Owner@Example.com"));
        var url = $"/api/v1/appointments/{booked.GetProperty("id").GetInt32()}";
        var token = booked.GetProperty("manageToken").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, url, manageToken: token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, url, customer: "owner@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, url, admin: true)).StatusCode);
        await (await _api.SendAsync(HttpMethod.Get, url)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _api.SendAsync(HttpMethod.Get, url, manageToken: token[..^1] + (token[^1] == 'A' ? 'B' : 'A'))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _api.SendAsync(HttpMethod.Get, url, customer: "someone@example.com")).AssertProblemAsync(HttpStatusCode.NotFound);
        var fetched = await (await _api.SendAsync(HttpMethod.Get, url, manageToken: token)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(fetched.TryGetProperty("manageToken", out _));
    }

    [Fact]
    public async Task List_ForSignedInCustomer_ReturnsOnlyTheirs_AndWithoutSessionIs403()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(6));
        await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "09:00", email: "lister@example.com"));
        await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "09:30", email: "lister@example.com"));
        await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "10:00", email: "other-lister@example.com"));

        var mine = await (await _api.SendAsync(HttpMethod.Get, "/api/v1/appointments", customer: "lister@example.com")).Content.ReadFromJsonAsync<JsonElement[]>();

        Assert.Equal(["09:00", "09:30"], mine!.Select(a => a.GetProperty("time").GetString()));
        await (await _api.SendAsync(HttpMethod.Get, "/api/v1/appointments")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Idempotency_SameKeySameBody_ReplaysStoredResponse_DifferentBodyIs422()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(7));
        var key = "key-" + Guid.NewGuid().ToString("N");
        var body = BookingApi.Body(haircut, alex, date, "16:00");

        var first = await _api.ConfirmAsync(body, key);
        var replay = await _api.ConfirmAsync(body, key, header: "X-Idempotency-Key");
        var changed = await _api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "16:30"), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        var b = await replay.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("id").GetInt32(), b.GetProperty("id").GetInt32());
        Assert.Equal(a.GetProperty("manageToken").GetString(), b.GetProperty("manageToken").GetString());
        Assert.Equal("idempotency_key_reused", (await changed.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotencyKey")).GetProperty("code").GetString());
        await app.WithDbAsync(async db => Assert.Equal(1, await db.Appointments.CountAsync(x => x.StartUtc >= date.ToDateTime(TimeOnly.MinValue)
            && x.StartUtc < date.AddDays(1).ToDateTime(TimeOnly.MinValue))));
    }

    [Fact]
    public async Task Idempotency_KeyStillInFlight_Returns409()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(8));
        var key = "inflight-" + Guid.NewGuid().ToString("N");
        var body = BookingApi.Body(haircut, alex, date, "09:00");
        var command = new AppointEase.Application.Appointments.ConfirmBooking.ConfirmBookingCommand(haircut, alex, date.Text(), "09:00", null,
            new("Ada Lovelace", "ada@example.com", null), null);
        await app.WithDbAsync(async db =>
        {
            db.Add(new AppointEase.Infrastructure.Bookings.IdempotencyRecord
            {
                Key = key, RequestHash = command.RequestHash(), Owner = new string('0', 32), Status = AppointEase.Infrastructure.Bookings.IdempotencyStatus.InFlight,
                LeaseUntilUtc = DateTime.UtcNow.AddMinutes(1), CreatedUtc = DateTime.UtcNow, ExpiresUtc = DateTime.UtcNow.AddHours(24),
            });
            await db.SaveChangesAsync();
        });

        var response = await _api.ConfirmAsync(body, key);

        Assert.Equal("idempotency_key_in_flight", (await response.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Cancel_WithManageToken_FreesTheSlotForAnotherBooking()
    {
        var (consultation, alex, date) = (await _api.ServiceIdAsync("Consultation"), await _api.EmployeeIdAsync(), TestDates.Weekday(9));
        var booked = await _api.ConfirmOkAsync(BookingApi.Body(consultation, alex, date, "10:00"));
        var id = booked.GetProperty("id").GetInt32();

        var cancel = await _api.SendAsync(HttpMethod.Delete, $"/api/v1/appointments/{id}", manageToken: booked.GetProperty("manageToken").GetString());

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("available", await _api.SlotStatusAsync(date, alex, consultation, "10:00"));
        await app.WithDbAsync(async db => Assert.Equal(0, await db.Set<AppointmentClaim>().CountAsync(c => c.AppointmentId == id)));
        await _api.ConfirmOkAsync(BookingApi.Body(consultation, alex, date, "10:30", email: "next@example.com"));
    }

    [Fact]
    public async Task Cancel_WithoutAccess_Returns404AndChangesNothing()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(10));
        var booked = await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "11:00"));

        var cancel = await _api.SendAsync(HttpMethod.Delete, $"/api/v1/appointments/{booked.GetProperty("id").GetInt32()}");

        await cancel.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("booked", await _api.SlotStatusAsync(date, alex, haircut, "11:00"));
    }

    [Fact]
    public async Task Reschedule_WithLockOnNewSlot_MovesClaimsAndKeepsHistory()
    {
        var (consultation, alex, date) = (await _api.ServiceIdAsync("Consultation"), await _api.EmployeeIdAsync(), TestDates.Weekday(11));
        var booked = await _api.ConfirmOkAsync(BookingApi.Body(consultation, alex, date, "10:00"));
        var id = booked.GetProperty("id").GetInt32();
        var lockToken = await _api.LockAsync(date, alex, "10:30", "client-mover-1");

        // 10:00–11:00 → 10:30–11:30 overlaps its own old cell: the move must release before it claims.
        var moved = await _api.SendAsync(HttpMethod.Put, $"/api/v1/appointments/{id}",
            new { date = date.Text(), time = "10:30", lockToken = lockToken.ToString(), clientId = "client-mover-1" },
            manageToken: booked.GetProperty("manageToken").GetString());

        var text = await moved.Content.ReadAsStringAsync();
        Assert.True(moved.StatusCode == HttpStatusCode.OK, text);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("10:30", body.GetProperty("time").GetString());
        var history = body.GetProperty("history").EnumerateArray().Single();
        Assert.Equal("10:00", history.GetProperty("fromTime").GetString());
        Assert.Equal("10:30", history.GetProperty("toTime").GetString());
        Assert.Equal("available", await _api.SlotStatusAsync(date, alex, await _api.ServiceIdAsync("Haircut"), "10:00"));
        Assert.Equal("booked", await _api.SlotStatusAsync(date, alex, await _api.ServiceIdAsync("Haircut"), "11:00"));
        await app.WithDbAsync(async db =>
        {
            var cells = await db.Set<AppointmentClaim>().Where(c => c.AppointmentId == id).OrderBy(c => c.CellStartUtc).Select(c => c.CellStartUtc).ToListAsync();
            var appointment = await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == id);
            Assert.Equal([appointment.StartUtc, appointment.StartUtc.AddMinutes(30)], cells);
            Assert.Equal(1, appointment.Sequence);
        });
        // The manage link the customer used keeps working after the move.
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, $"/api/v1/appointments/{id}", manageToken: booked.GetProperty("manageToken").GetString())).StatusCode);
    }

    [Fact]
    public async Task Reschedule_FreesOldSlot_AndWithoutOwnLockIsRefused()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(12));
        var booked = await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "09:00"));
        var id = booked.GetProperty("id").GetInt32();
        var token = booked.GetProperty("manageToken").GetString();
        var lockToken = await _api.LockAsync(date, alex, "15:00", "client-mover-2");

        var stolen = await _api.SendAsync(HttpMethod.Put, $"/api/v1/appointments/{id}",
            new { date = date.Text(), time = "15:00", lockToken = lockToken.ToString(), clientId = "client-someone-else" }, manageToken: token);
        var moved = await _api.SendAsync(HttpMethod.Put, $"/api/v1/appointments/{id}",
            new { date = date.Text(), time = "15:00", lockToken = lockToken.ToString(), clientId = "client-mover-2" }, manageToken: token);

        await stolen.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("available", await _api.SlotStatusAsync(date, alex, haircut, "09:00"));
        Assert.Equal("booked", await _api.SlotStatusAsync(date, alex, haircut, "15:00"));
    }

    [Fact]
    public async Task ChangeInsideCutoff_IsRefusedForCustomer_ButAllowedForAdmin()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(13));
        var booked = await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "09:00"));
        var url = $"/api/v1/appointments/{booked.GetProperty("id").GetInt32()}";
        await SetCutoffAsync(60 * 24 * 80);
        try
        {
            var byCustomer = await _api.SendAsync(HttpMethod.Delete, url, manageToken: booked.GetProperty("manageToken").GetString());
            var byAdmin = await _api.SendAsync(HttpMethod.Delete, url, admin: true);

            Assert.Equal("change_cutoff_passed", (await byCustomer.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        }
        finally
        {
            await SetCutoffAsync(120);
        }
    }

    public static TheoryData<string, object, HttpStatusCode, string?> BadInputs() => new()
    {
        { "past slot", new { date = "2020-01-06", time = "10:00" }, HttpStatusCode.UnprocessableEntity, "time" },
        { "off-grid time", new { time = "10:10" }, HttpStatusCode.UnprocessableEntity, "time" },
        { "impossible date", new { date = "2026-02-30" }, HttpStatusCode.UnprocessableEntity, "date" },
        { "unknown service", new { serviceId = 4242 }, HttpStatusCode.NotFound, "serviceId" },
        { "10,000-char name", new { name = new string('x', 10_000) }, HttpStatusCode.UnprocessableEntity, "customer.name" },
        { "email without @", new { email = "ada.example.com" }, HttpStatusCode.UnprocessableEntity, "customer.email" },
        { "newline in name", new { name = "Ada\r\nBcc: evil@example.com" }, HttpStatusCode.UnprocessableEntity, "customer.name" },
        { "link in name", new { name = "Mallory: visit https://evil.example/login" }, HttpStatusCode.UnprocessableEntity, "customer.name" },
        { "bare host in name", new { name = "Mallory evil.example/login" }, HttpStatusCode.UnprocessableEntity, "customer.name" },
        { "www in name", new { name = "see www.evil" }, HttpStatusCode.UnprocessableEntity, "customer.name" },
        { "address in name", new { name = "write to mallory@evil" }, HttpStatusCode.UnprocessableEntity, "customer.name" },
        { "101-char name", new { name = new string('x', 101) }, HttpStatusCode.UnprocessableEntity, "customer.name" },
        { "letters as phone", new { phone = "call me maybe" }, HttpStatusCode.UnprocessableEntity, "customer.phone" },
        { "saturday", new { date = "saturday" }, HttpStatusCode.UnprocessableEntity, "time" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Confirm_WithBadInput_ReturnsProblemNamingTheField(string because, object change, HttpStatusCode expected, string? field)
    {
        var (haircut, alex) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync());
        var c = JsonSerializer.SerializeToElement(change);
        string Get(string name, string fallback) => c.TryGetProperty(name, out var v) ? v.GetString()! : fallback;
        var date = Get("date", TestDates.Weekday(14).Text());
        if (date == "saturday") date = TestDates.NextSaturday().Text();
        var body = new
        {
            serviceId = c.TryGetProperty("serviceId", out var s) ? s.GetInt32() : haircut,
            employeeId = alex, date, time = Get("time", "13:00"),
            customer = new { name = Get("name", "Ada"), email = Get("email", "ada@example.com"), phone = c.TryGetProperty("phone", out var p) ? p.GetString() : null },
        };

        var response = await _api.ConfirmAsync(body);

        await response.AssertProblemAsync(expected, field);
        Assert.False(string.IsNullOrEmpty(because));
    }

    [Fact]
    public async Task Confirm_WithEmojiAndInjectionStrings_StoresThemVerbatim()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(15));
        const string name = "Zoë 🦄 O'Brien <script>alert(1)</script>";
        const string notes = "'; DROP TABLE appointments; --\n{{7*7}} ${jndi:ldap://x}";

        var booked = await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "13:00", name: name, notes: notes));
        var fetched = await (await _api.SendAsync(HttpMethod.Get, $"/api/v1/appointments/{booked.GetProperty("id").GetInt32()}",
            manageToken: booked.GetProperty("manageToken").GetString())).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(name, fetched.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal(notes, fetched.GetProperty("notes").GetString());
        await app.WithDbAsync(async db =>
        {
            var mail = await db.Set<OutboxEmail>().AsNoTracking().Where(e => e.Kind == "booking-confirmation").OrderByDescending(e => e.Id).FirstAsync();
            Assert.Contains("O&#39;Brien &lt;script&gt;alert(1)&lt;/script&gt;", mail.HtmlBody);
            Assert.DoesNotContain("<script>", mail.HtmlBody);
        });
    }

    [Fact]
    public async Task IdempotencyPurger_RemovesOnlyKeysPast24Hours()
    {
        var now = DateTime.UtcNow;
        var (oldKey, freshKey) = ("old-" + Guid.NewGuid().ToString("N"), "fresh-" + Guid.NewGuid().ToString("N"));
        await app.WithDbAsync(async db =>
        {
            foreach (var (key, created) in new[] { (oldKey, now.AddHours(-25)), (freshKey, now.AddHours(-1)) })
                db.Add(new AppointEase.Infrastructure.Bookings.IdempotencyRecord
                {
                    Key = key, RequestHash = new string('0', 64), Owner = new string('0', 32), Status = AppointEase.Infrastructure.Bookings.IdempotencyStatus.Completed,
                    LeaseUntilUtc = created, CreatedUtc = created, ExpiresUtc = created.AddHours(24), ResponseStatus = 201, ResponseBody = "{}",
                });
            await db.SaveChangesAsync();
        });
        var purger = app.Services.GetRequiredServiceOf<IEnumerable<AppointEase.Application.Common.Interfaces.IExpiredDataPurger>>()
            .Single(p => p.Name == "idempotency-keys");

        var removed = await purger.PurgeAsync(now, CancellationToken.None);

        Assert.True(removed >= 1);
        await app.WithDbAsync(async db =>
        {
            var keys = await db.Set<AppointEase.Infrastructure.Bookings.IdempotencyRecord>().Select(r => r.Key).ToListAsync();
            Assert.DoesNotContain(oldKey, keys);
            Assert.Contains(freshKey, keys);
        });
    }

    private async Task SetCutoffAsync(int minutes)
    {
        await app.WithDbAsync(async db =>
        {
            var s = await db.BusinessSettings.SingleAsync();
            s.Change(s.BusinessName, s.TimeZoneId, s.SlotMinutes, s.MinimumNoticeMinutes, s.BookingHorizonDays, minutes);
            await db.SaveChangesAsync();
        });
        app.Services.GetRequiredServiceOf<AppointEase.Application.Common.Interfaces.ISettingsProvider>().Invalidate();
    }
}

internal static class ServiceProviderExtensions
{
    public static T GetRequiredServiceOf<T>(this IServiceProvider services) where T : notnull =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<T>(services);
}

public sealed class BookingTestsOnSqlite(BookingSqliteFactory app) : BookingTests(app), IClassFixture<BookingSqliteFactory>;

public sealed class BookingTestsOnMariaDb(BookingMariaDbFactory app) : BookingTests(app), IClassFixture<BookingMariaDbFactory>;
