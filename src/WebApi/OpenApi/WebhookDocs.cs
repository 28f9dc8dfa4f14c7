using System.Text.Json.Nodes;
using AppointEase.Application.Webhooks;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Webhooks;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AppointEase.WebApi.OpenApi;

/// <summary>
/// The outgoing webhooks as OpenAPI 3.1 <c>webhooks</c>: one POST per event type with the payload schema and the
/// Standard Webhooks headers, so receivers generate their handler types from the same document as the API.
/// </summary>
internal static class WebhookDocs
{
    public const string Tag = "Webhooks";
    private const string PayloadSchema = nameof(BookingWebhookPayload);

    private static readonly Dictionary<string, string> Events = new(StringComparer.Ordinal)
    {
        [WebhookEventTypes.BookingCreated] = "A booking was made (the widget, the API or an admin).",
        [WebhookEventTypes.BookingRescheduled] = "An appointment moved to another time or employee; data shows the new position, sequence is higher.",
        [WebhookEventTypes.BookingCancelled] = "An appointment was cancelled; data.status is cancelled.",
    };

    public static async Task ApplyAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(BookingWebhookPayload), null, cancellationToken);
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        // The nested data object is inline, so the catalogue's per-component enums do not reach it: set them here.
        Restrict(schema, "type", WebhookEventTypes.All);
        if (schema.Properties?.TryGetValue("data", out var data) == true && data is OpenApiSchema dataSchema)
        {
            Restrict(dataSchema, "status", ["confirmed", "cancelled"]);
            Restrict(dataSchema, "locale", Appointment.Locales);
        }
        document.Components.Schemas[PayloadSchema] = schema;
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        foreach (var (type, description) in Events)
        {
            document.Webhooks[type] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Post] = new()
                    {
                        OperationId = "webhook" + string.Concat(type.Split('.', '_').Select(p => char.ToUpperInvariant(p[0]) + p[1..])),
                        Summary = $"{type} (sent to your endpoint)",
                        Description = description + " Signed per Standard Webhooks: verify webhook-signature (v1,<base64 HMAC-SHA256 of " +
                                      "\"{webhook-id}.{webhook-timestamp}.{body}\" keyed with the secret's base64-decoded bytes after whsec_). " +
                                      "Retries keep the webhook-id; answer 2xx within 10 s, then process.",
                        Tags = new HashSet<OpenApiTagReference> { new(Tag, document) },
                        Security = [],
                        Parameters =
                        [
                            Header("webhook-id", "Message id, the same on every retry: deduplicate by it."),
                            Header("webhook-timestamp", "Unix seconds of this attempt; reject values far from your clock (replays)."),
                            Header("webhook-signature", "Space-separated signatures, each v1,<base64>."),
                        ],
                        RequestBody = new OpenApiRequestBody
                        {
                            Required = true,
                            Content = new Dictionary<string, OpenApiMediaType>
                            {
                                ["application/json"] = new() { Schema = new OpenApiSchemaReference(PayloadSchema, document) },
                            },
                        },
                        Responses = new OpenApiResponses
                        {
                            ["200"] = new OpenApiResponse { Description = "Any 2xx: received. Anything else, or no answer in time: retried with backoff." },
                        },
                    },
                },
            };
        }
    }

    private static void Restrict(OpenApiSchema schema, string property, IEnumerable<string> values)
    {
        if (schema.Properties?.TryGetValue(property, out var target) == true && target is OpenApiSchema t)
            t.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name, In = ParameterLocation.Header, Required = true, Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
