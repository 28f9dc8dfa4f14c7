using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace AppointEase.WebApi.OpenApi;

/// <summary>
/// Examples for the operations whose endpoints carry none (admin endpoints set theirs with <c>WithExamples</c>): one per
/// request body and main response. Spectral's oas3-valid-media-example checks each against its schema in CI.
/// </summary>
internal static class OperationExamples
{
    private const string Appointment = """
        { "id": 7, "reference": "APT-2026-123456", "status": "confirmed", "serviceId": 1, "employeeId": 1,
          "date": "2026-12-01", "time": "10:00", "endTime": "10:30",
          "customer": { "name": "Ada Lovelace", "email": "ada@example.com", "phone": "+49 30 123" },
          "notes": null, "history": [] }
        """;

    private static readonly Dictionary<string, (string? Request, string? Response)> Examples = new(StringComparer.Ordinal)
    {
        ["listServices"] = (null, """[{ "id": 1, "name": "Haircut", "durationMinutes": 30, "price": 35.0 }]"""),
        ["listEmployees"] = (null, """[{ "id": 1, "name": "Alex Morgan", "serviceIds": [1, 2, 3] }]"""),
        ["getBusinessHours"] = (null, """
            { "businessName": "AppointEase Demo Studio", "timeZone": "Europe/Berlin", "slotMinutes": 30,
              "days": [ { "day": "monday", "open": true, "opens": "09:00", "closes": "17:00", "breaks": [ { "start": "12:00", "end": "13:00" } ] },
                        { "day": "sunday", "open": false, "opens": null, "closes": null, "breaks": [] } ] }
            """),
        ["getAvailability"] = (null, """
            { "date": "2026-12-01", "employeeId": 1,
              "slots": [ { "time": "09:00", "status": "available" }, { "time": "09:30", "status": "booked" } ] }
            """),
        ["sendHeartbeat"] = ("""{ "date": "2026-12-01", "employeeId": 1, "clientId": "c_4f9a2b7e", "selectedTime": "10:00" }""", """
            { "activeSelections": ["10:00"], "bookedSlots": ["15:00"], "lockedSlots": ["10:30"], "redisStatus": "available",
              "storageMode": "redis", "heartbeatIntervalMs": 1000, "serverTime": "2026-11-23T12:00:00.123Z" }
            """),
        ["selectSlot"] = ("""{ "date": "2026-12-01", "employeeId": 1, "time": "10:00", "clientId": "c_4f9a2b7e" }""", """{ "expiresInSeconds": 10 }"""),
        ["deselectSlot"] = ("""{ "date": "2026-12-01", "employeeId": 1, "time": "10:00", "clientId": "c_4f9a2b7e" }""", null),
        ["lockSlot"] = ("""{ "date": "2026-12-01", "employeeId": 1, "time": "10:00", "clientId": "c_4f9a2b7e" }""",
            """{ "lockToken": "20261201_1000_1_0f8e2a9c4b7d41e3a5c6b8d9e0f1a2b3", "expiresAt": "2026-12-01T09:10:00Z" }"""),
        ["confirmBooking"] = ("""
            { "serviceId": 1, "employeeId": 1, "date": "2026-12-01", "time": "10:00",
              "lockToken": "20261201_1000_1_0f8e2a9c4b7d41e3a5c6b8d9e0f1a2b3",
              "customer": { "name": "Ada Lovelace", "email": "ada@example.com", "phone": "+49 30 123" }, "notes": null }
            """, """
            { "id": 7, "reference": "APT-2026-123456", "status": "confirmed", "serviceId": 1, "employeeId": 1,
              "date": "2026-12-01", "time": "10:00", "endTime": "10:30",
              "customer": { "name": "Ada Lovelace", "email": "ada@example.com", "phone": "+49 30 123" },
              "notes": null, "history": [], "manageToken": "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c" }
            """),
        ["listMyAppointments"] = (null, $"[{Appointment}]"),
        ["getAppointment"] = (null, Appointment),
        ["rescheduleAppointment"] = ("""
            { "date": "2026-12-02", "time": "11:00", "lockToken": "20261202_1100_1_0f8e2a9c4b7d41e3a5c6b8d9e0f1a2b3",
              "clientId": "c_4f9a2b7e", "employeeId": 1 }
            """, Appointment),
        ["cancelAppointment"] = (null, Appointment.Replace("\"confirmed\"", "\"cancelled\"", StringComparison.Ordinal)),
        ["requestOtp"] = ("""{ "email": "ann@example.com" }""", """{ "expiresInMinutes": 10 }"""),
        ["verifyOtp"] = ("""{ "email": "ann@example.com", "code": "123456" }""",
            """{ "token": "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5", "expiresAt": "2026-11-24T12:00:00+00:00" }"""),
        ["getSession"] = (null, """{ "email": "ann@example.com", "expiresAt": "2026-11-24T12:00:00+00:00" }"""),
    };

    public static void Apply(OpenApiDocument document)
    {
        foreach (var (_, _, operation, contract) in OpenApiSetup.Operations(document))
        {
            if (contract is null || !Examples.TryGetValue(contract.OperationId, out var example)) continue;
            if (example.Request is not null && operation.RequestBody?.Content is { } request)
                foreach (var media in request.Values)
                    media.Example ??= JsonNode.Parse(example.Request);
            if (example.Response is null || operation.Responses is null) continue;
            foreach (var (status, response) in operation.Responses)
                if (status.StartsWith('2') && response.Content is { } content)
                    foreach (var (type, media) in content)
                        if (type.Contains("json", StringComparison.Ordinal)) media.Example ??= JsonNode.Parse(example.Response);
        }
    }
}
