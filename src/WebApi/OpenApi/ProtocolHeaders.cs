using AppointEase.WebApi.Endpoints;
using Microsoft.OpenApi;

namespace AppointEase.WebApi.OpenApi;

/// <summary>
/// The headers the protocol relies on: ETag / If-Match (admin optimistic concurrency), ETag / If-None-Match and the
/// heartbeat's 304, Idempotency-Key and Idempotent-Replayed, Location on every 201, Retry-After on 429 and 503,
/// WWW-Authenticate on the customer 401 and Content-Disposition on the CSV export.
/// </summary>
internal static class ProtocolHeaders
{
    public static void Apply(OpenApiDocument document)
    {
        foreach (var (path, _, operation, contract) in OpenApiSetup.Operations(document))
        {
            if (contract is null || operation.Responses is null) continue;
            foreach (var (status, response) in operation.Responses)
            {
                if (response is not OpenApiResponse r) continue;
                if (status == "201") Add(r, "Location", "The new resource's URL (path).", required: true, String());
                if (contract.SendsETag && status is "200" or "201")
                    Add(r, "ETag", contract.OperationId == "sendHeartbeat"
                        ? "Hash of the body without serverTime; send it back in If-None-Match."
                        : "W/\"<version>\": send it as If-Match on the next change.", required: true, String());
                if (status is "429" or "503")
                    Add(r, "Retry-After", "Seconds to wait before the next request (429: also retryAfterSeconds in the body).", required: true,
                        new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" });
                if (status == "200" && contract.OperationId == "getAppointmentCalendar")
                    Add(r, "Content-Disposition", "attachment; filename=\"<reference>.ics\"", required: true, String());
                if (status == "401" && contract.Access == Access.Customer)
                    Add(r, "WWW-Authenticate", "Bearer, with error=\"invalid_token\" when a token was sent.", required: true, String());
            }
            if (contract.Conditional)
                AddParameter(operation, "If-Match", "The ETag of the version you read (W/\"<version>\", or *). Missing → 428; stale → 412.", required: true, String());
            switch (contract.OperationId)
            {
                case "sendHeartbeat":
                    AddParameter(operation, "If-None-Match", "The last ETag received (strong, weak or *): unchanged → 304 without a body.", required: false, String());
                    if (operation.Responses["200"] is OpenApiResponse ok)
                        Add(ok, "Cache-Control", "no-cache", required: true, String());
                    operation.Responses["304"] = new OpenApiResponse
                    {
                        Description = "Not modified: the snapshot is unchanged since the If-None-Match ETag; keep showing the last one.",
                        Headers = new Dictionary<string, IOpenApiHeader> { ["ETag"] = Header("The same ETag again.", true, String()) },
                    };
                    break;
                case "confirmBooking":
                    if (operation.Responses["201"] is OpenApiResponse created)
                        Add(created, Appointments.ReplayedHeader, "true when this is the stored answer to an earlier request with the same Idempotency-Key and body.",
                            required: false, new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["true"] });
                    foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                    {
                        if (parameter.Name is not (Appointments.IdempotencyKeyHeader or Appointments.LegacyIdempotencyKeyHeader)) continue;
                        parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 128, Pattern = "^[\\x21-\\x7E]+$" };
                        parameter.Description = parameter.Name == Appointments.IdempotencyKeyHeader
                            ? "1–128 visible ASCII characters. Same key + same body → the stored 201 again; different body → 422; still running → waits for it, then its 201 (a 409 asks to retry). Kept 24 h."
                            : "Older spelling of Idempotency-Key; Idempotency-Key wins when both are sent.";
                        parameter.Deprecated = parameter.Name == Appointments.LegacyIdempotencyKeyHeader;
                    }
                    break;
                case "getStaffCalendarFeed":
                    AddParameter(operation, "If-None-Match", "The last ETag received: unchanged → 304 without a body.", required: false, String());
                    if (operation.Responses["200"] is OpenApiResponse feed)
                    {
                        Add(feed, "ETag", "Hash of the feed; send it back in If-None-Match.", required: true, String());
                        Add(feed, "Cache-Control", "private, max-age=300", required: true, String());
                    }
                    operation.Responses["304"] = new OpenApiResponse
                    {
                        Description = "Not modified since the If-None-Match ETag.",
                        Headers = new Dictionary<string, IOpenApiHeader> { ["ETag"] = Header("The same ETag again.", true, String()) },
                    };
                    break;
                case "exportAppointmentsCsv":
                    if (operation.Responses["200"] is OpenApiResponse csv)
                        Add(csv, "Content-Disposition", "attachment; filename=appointments-<utc>.csv", required: true, String());
                    break;
            }
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                if (parameter.Name == Appointments.ManageTokenHeader)
                    parameter.Description = "The manageToken from the booking (or the emailed link). Optional when a customer session or admin key is sent.";
            _ = path;
        }
    }

    private static OpenApiSchema String() => new() { Type = JsonSchemaType.String };

    private static OpenApiHeader Header(string description, bool required, OpenApiSchema schema) =>
        new() { Description = description, Required = required, Schema = schema };

    private static void Add(OpenApiResponse response, string name, string description, bool required, OpenApiSchema schema)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = Header(description, required, schema);
    }

    private static void AddParameter(OpenApiOperation operation, string name, string description, bool required, OpenApiSchema schema)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => p.Name == name)) return;
        operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Header, Description = description, Required = required, Schema = schema });
    }
}
