using System.Net;
using AppointEase.WebApi.IntegrationTests.Bookings;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using AppointEase.WebApi.IntegrationTests.Jobs;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace AppointEase.WebApi.IntegrationTests.Webhooks;

/// <summary>The customer's locale on confirm: en/de/es stored with the appointment, anything else a 422 naming it.</summary>
public sealed class BookingLocaleTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    private readonly BookingApi _api = new(app, app.CreateClient());

    [Theory]
    [InlineData("fr")]
    [InlineData("DE")]
    [InlineData("")]
    [InlineData("de-DE")]
    public async Task Confirm_WithUnsupportedLocale_Is422NamingLocale(string locale)
    {
        var body = new { serviceId = await _api.ServiceIdAsync("Haircut"), employeeId = await _api.EmployeeIdAsync(), date = TestDates.Weekday(24).Text(),
            time = "09:00", customer = new { name = "Ada", email = "locale-bad@example.com" }, locale };

        await (await _api.ConfirmAsync(body)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "locale");
    }

    [Fact]
    public async Task Confirm_WithGermanLocale_StoresIt_AndWithoutOneIsEnglish()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(24));
        var german = await _api.ConfirmOkAsync(new { serviceId = haircut, employeeId = alex, date = date.Text(), time = "10:00",
            customer = new { name = "Lena", email = "locale-de@example.com" }, locale = "de" });
        var english = await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "11:00", email: "locale-en@example.com"));

        await app.WithDbAsync(async db =>
        {
            Assert.Equal("de", await db.Appointments.Where(a => a.Id == german.GetProperty("id").GetInt32()).Select(a => a.Locale).SingleAsync());
            Assert.Equal("en", await db.Appointments.Where(a => a.Id == english.GetProperty("id").GetInt32()).Select(a => a.Locale).SingleAsync());
        });
    }

    [Fact]
    public async Task Confirm_InSpanish_SendsTheConfirmationInSpanish()
    {
        var to = $"locale-es-{Guid.NewGuid():N}@example.com";
        await _api.ConfirmOkAsync(new { serviceId = await _api.ServiceIdAsync("Haircut"), employeeId = await _api.EmployeeIdAsync(),
            date = TestDates.Weekday(24).Text(), time = "15:00", customer = new { name = "Lucía", email = to }, locale = "es" });

        MimeMessage? mail = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            foreach (var file in Directory.Exists(app.MailDirectory) ? Directory.EnumerateFiles(app.MailDirectory, "*.eml") : [])
            {
                MimeMessage message;
                try { message = await MimeMessage.LoadAsync(file); }
                catch (IOException) { continue; }
                if (message.To.Mailboxes.Any(m => m.Address == to)) mail = message;
            }
            return mail is not null;
        }, TimeSpan.FromSeconds(20), "the confirmation email");

        Assert.StartsWith("Cita confirmada: Haircut", mail!.Subject);
        Assert.Contains("Hola Lucía", mail.TextBody);
        Assert.Contains("Su cita está confirmada.", mail.TextBody);
    }
}
