using System.Globalization;
using System.Net;
using AppointEase.Application.Common.Interfaces;

namespace AppointEase.Infrastructure.Jobs.Reminders;

internal static class ReminderEmail
{
    public const string Kind = "reminder";

    public static OutgoingEmail Build(DueReminder r, string businessName, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(r.StartUtc, DateTimeKind.Utc), zone);
        var when = local.ToString("dddd, d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);
        var subject = $"Reminder: {r.ServiceName} on {when}";
        var text = $"""
            Hello {r.CustomerName},

            this is a reminder of your appointment at {businessName}:

            {r.ServiceName} with {r.EmployeeName}
            {when} ({zone.Id})
            Booking reference: {r.Reference}

            If you cannot come, please use the link in your confirmation email to reschedule or cancel.
            """;
        var html = $"""
            <p>Hello {Html(r.CustomerName)},</p>
            <p>this is a reminder of your appointment at {Html(businessName)}:</p>
            <p><strong>{Html(r.ServiceName)}</strong> with {Html(r.EmployeeName)}<br>{Html(when)} ({Html(zone.Id)})<br>
            Booking reference: <strong>{Html(r.Reference)}</strong></p>
            <p>If you cannot come, please use the link in your confirmation email to reschedule or cancel.</p>
            """;
        return new OutgoingEmail(Kind, r.CustomerEmail, subject, text, html, []);
    }

    private static string Html(string value) => WebUtility.HtmlEncode(value);
}
