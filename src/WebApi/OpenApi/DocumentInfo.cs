using Microsoft.OpenApi;

namespace AppointEase.WebApi.OpenApi;

/// <summary>Title, contact, licence, a fixed server (not the URL of whoever fetched the document) and described tags.</summary>
internal static class DocumentInfo
{
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Catalogue", "Services, employees and weekly business hours customers choose from. Public."),
        ("Availability", "Which starts are free for an employee and service on a day or a range of days. Public."),
        ("Slots", "Ephemeral per-visitor slot state: select, lock for checkout, release, and the heartbeat that shows everyone's live state. Public."),
        ("Appointments", "Book, read, reschedule and cancel. Reading and changing an appointment needs its manage token, the owner's session or an admin key."),
        ("Auth", "Customer sign-in by one-time code sent by email; the code is exchanged for a Bearer session token."),
        ("Admin: services", "Manage the services offered (admin key). Updates need If-Match with the ETag."),
        ("Admin: employees", "Manage employees, the services they offer, their weekly hours and time off (admin key)."),
        ("Admin: closures", "Whole days the business is closed (admin key)."),
        ("Admin: settings", "Business settings and business-wide weekly hours (admin key). Updates need If-Match."),
        ("Admin: appointments", "Search and export all appointments (admin key)."),
        ("Admin: audit", "The log of every admin change (admin key)."),
        ("Admin: webhooks", "Register the endpoints booking events are sent to, rotate their secrets, read the delivery log (admin key)."),
        ("Calendar", "Staff calendar feeds (iCalendar) by secret URL, for Google, Outlook and Apple Calendar."),
        (WebhookDocs.Tag, "Calls AppointEase makes to your endpoint when a booking changes (Standard Webhooks signatures)."),
    ];

    public static void Apply(OpenApiDocument document)
    {
        document.Info.Title = "AppointEase API";
        document.Info.Version = "1.0.0";
        document.Info.Description =
            "Appointment booking: catalogue, availability, live slot state, bookings, customer sign-in and the admin API. " +
            "Errors are RFC 9457 application/problem+json with a machine-readable `code` (listed per response). " +
            "Versioning and deprecation policy: docs/api.md (breaking changes only in a new /api/vN; old versions announce " +
            "their end with Deprecation and Sunset headers).";
        document.Info.Contact = new OpenApiContact { Name = "AppointEase API team", Email = "api@appointease.dev", Url = new Uri("https://appointease.dev/support") };
        document.Info.License = new OpenApiLicense { Name = "Proprietary: API terms of use", Url = new Uri("https://appointease.dev/terms") };
        // The origin is whoever hosts the API (the widget is served from the same one); the default is `dotnet run`'s.
        document.Servers =
        [
            new OpenApiServer
            {
                Url = "{origin}",
                Description = "The host that serves the API; every path starts with /api/v1.",
                Variables = new Dictionary<string, OpenApiServerVariable>
                {
                    ["origin"] = new() { Default = "http://localhost:5000", Description = "Scheme, host and port, without a trailing slash." },
                },
            },
        ];
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
    }
}
