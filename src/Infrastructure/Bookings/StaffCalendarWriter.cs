using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Options;
using Microsoft.Extensions.Options;

namespace AppointEase.Infrastructure.Bookings;

/// <summary>Staff feeds through the one .ics writer; the summary names the customer, the only personal data staff need.</summary>
internal sealed class StaffCalendarWriter(IOptions<EmailOptions> options) : IStaffCalendarWriter
{
    public string Write(string calendarName, string location, IReadOnlyList<StaffCalendarEntry> entries) =>
        IcsCalendar.WriteFeed(calendarName, entries.Select(e => new IcsCalendar.FeedEvent(
            IcsCalendar.Uid(e.Reference, options.Value.PublicBaseUrl), e.Sequence, e.Cancelled, e.ChangedUtc, e.StartUtc, e.EndUtc,
            $"{e.ServiceName}: {e.CustomerName}",
            $"Reference {e.Reference}." + (e.Notes is null ? "" : $"\n{e.Notes}"),
            location)));
}
