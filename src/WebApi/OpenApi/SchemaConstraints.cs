using AppointEase.Domain.Appointments;
using AppointEase.Domain.Webhooks;
using System.Globalization;
using System.Text.Json.Nodes;
using AppointEase.Application.Admin.Services;
using AppointEase.Application.Admin.Settings;
using Microsoft.OpenApi;

namespace AppointEase.WebApi.OpenApi;

/// <summary>
/// Formats, patterns, enums and bounds the validators enforce, so generators map dates to date types and clients can
/// check input before sending it. Applied by wire name to component schema properties and to parameters
/// ("Schema.property" for a rule that holds in one schema only). Dates are local business dates (format: date); times
/// are HH:mm (a pattern: JSON Schema's format: time means HH:mm:ss with an offset, which this API does not send).
/// </summary>
internal static class SchemaConstraints
{
    private const string TimePattern = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$";

    private static readonly Action<OpenApiSchema> Date = s => s.Format = "date";
    private static readonly Action<OpenApiSchema> Time = s => s.Pattern = TimePattern;
    private static readonly Action<OpenApiSchema> Id = s => s.Minimum = "1";
    private static readonly Action<OpenApiSchema> TimeList = s => { if (s.Items is OpenApiSchema items) items.Pattern = TimePattern; };

    private static readonly Dictionary<string, Action<OpenApiSchema>> Rules = new(StringComparer.Ordinal)
    {
        ["date"] = Date, ["from"] = Date, ["to"] = Date, ["fromDate"] = Date, ["toDate"] = Date,
        ["time"] = Time, ["opens"] = Time, ["closes"] = Time, ["start"] = Time, ["end"] = Time,
        ["fromTime"] = Time, ["toTime"] = Time, ["endTime"] = Time, ["selectedTime"] = Time,
        ["activeSelections"] = TimeList, ["bookedSlots"] = TimeList, ["lockedSlots"] = TimeList,
        ["id"] = Id, ["employeeId"] = Id, ["serviceId"] = Id, ["fromEmployeeId"] = Id, ["timeOffId"] = Id,
        ["serviceIds"] = s => { if (s.Items is OpenApiSchema items) items.Minimum = "1"; },
        ["clientId"] = s => s.Pattern = "^[A-Za-z0-9_-]{8,64}$",
        ["day"] = Enum("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        ["limit"] = Between(1, 500),
        ["sort"] = Enum("asc", "desc"),
        ["notes"] = s => s.MaxLength = 2000,
        ["SlotDto.status"] = Enum("available", "booked", "locked", "selected"),
        ["AppointmentDto.status"] = Enum("confirmed", "cancelled"),
        ["AdminAppointmentDto.status"] = Enum("confirmed", "cancelled"),
        ["status"] = Enum("confirmed", "cancelled"),
        ["storageMode"] = Enum("redis", "mysql"),
        ["redisStatus"] = Enum("available", "unavailable"),
        ["VerifyOtpCommand.code"] = s => s.Pattern = "^[0-9]{6}$",
        ["durationMinutes"] = Between(1, ServiceFieldsValidator<CreateServiceCommand>.MaxDurationMinutes),
        ["bufferBeforeMinutes"] = Between(0, ServiceFieldsValidator<CreateServiceCommand>.MaxBufferMinutes),
        ["bufferAfterMinutes"] = Between(0, ServiceFieldsValidator<CreateServiceCommand>.MaxBufferMinutes),
        ["price"] = s => { s.Minimum = "0"; s.Maximum = ServiceFieldsValidator<CreateServiceCommand>.MaxPrice.ToString(CultureInfo.InvariantCulture); },
        ["slotMinutes"] = Between(5, 60),
        ["minimumNoticeMinutes"] = Between(0, UpdateSettingsValidator.MaxNoticeMinutes),
        ["bookingHorizonDays"] = Between(1, UpdateSettingsValidator.MaxHorizonDays),
        ["changeCutoffMinutes"] = Between(0, UpdateSettingsValidator.MaxCutoffMinutes),
        ["selectionTtlSeconds"] = Between(1, 300),
        ["lockTtlSeconds"] = Between(1, 3600),
        ["heartbeatIntervalMs"] = Between(250, 60_000),
        ["expiresInSeconds"] = s => s.Minimum = "1",
        ["ConfirmBookingRequest.locale"] = Enum([.. Appointment.Locales]),
        ["BookingWebhookData.locale"] = Enum([.. Appointment.Locales]),
        ["WebhookDeliveryDto.status"] = Enum("pending", "delivered", "failed"),
        ["WebhookRequest.events"] = s => { if (s.Items is OpenApiSchema items) items.Enum = [.. WebhookEventTypes.All.Select(e => (JsonNode)JsonValue.Create(e))]; },
        ["deliveryId"] = Id,
        ["expiresInMinutes"] = s => s.Minimum = "1",
    };

    public static void Apply(OpenApiDocument document)
    {
        foreach (var (name, component) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (component is not OpenApiSchema schema || schema.Properties is null) continue;
            foreach (var (property, value) in schema.Properties)
                if (name != ProblemResponses.Schema && value is OpenApiSchema target && (Rules.GetValueOrDefault($"{name}.{property}") ?? Rules.GetValueOrDefault(property)) is { } rule)
                    rule(target);
        }
        foreach (var (_, _, operation, _) in OpenApiSetup.Operations(document))
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                if (parameter.In is ParameterLocation.Query or ParameterLocation.Path && parameter.Schema is OpenApiSchema target
                    && Rules.GetValueOrDefault(parameter.Name ?? "") is { } rule)
                    rule(target);
    }

    private static Action<OpenApiSchema> Between(int min, int max) => s =>
    {
        s.Minimum = min.ToString(CultureInfo.InvariantCulture);
        s.Maximum = max.ToString(CultureInfo.InvariantCulture);
    };

    private static Action<OpenApiSchema> Enum(params string[] values) => s =>
        s.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
}
