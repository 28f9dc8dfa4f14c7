namespace AppointEase.WebApi.OpenApi;

/// <summary>
/// The contract of every operation, keyed by "METHOD /path" as it appears in the document. operationIds are stable names
/// generated clients use for their methods: never rename one (that is a breaking change, see docs/api.md).
/// An endpoint missing here fails <c>OpenApiContractTests</c>, so a new endpoint cannot ship without its contract.
/// </summary>
internal static class OperationCatalogue
{
    private static readonly string[] SlotInput = ["date_in_past", "date_beyond_horizon", "slot_not_offered"];
    private static readonly string[] NoCode = [];

    public static readonly IReadOnlyDictionary<string, OperationContract> Operations = new Dictionary<string, OperationContract>(StringComparer.Ordinal)
    {
        // Catalogue
        ["GET /api/v1/services"] = new("listServices", Access.Public),
        ["GET /api/v1/employees"] = new("listEmployees", Access.Public) { Problems = Codes((404, ["service_not_found"]), (422, NoCode)) },
        ["GET /api/v1/business-hours"] = new("getBusinessHours", Access.Public),
        ["GET /api/v1/availability"] = new("getAvailability", Access.Public)
        {
            Problems = Codes((404, ["employee_not_found", "service_not_found"]), (422, ["service_not_offered"])),
        },

        // Slots
        ["POST /api/v1/heartbeat"] = new("sendHeartbeat", Access.Public)
        {
            Problems = Codes((404, ["employee_not_found"]), (422, SlotInput)), RateLimited = true, SendsETag = true,
        },
        ["POST /api/v1/slots/select"] = new("selectSlot", Access.Public)
        {
            Problems = Codes((404, ["employee_not_found"]), (409, ["slot_booked", "slot_locked"]), (422, SlotInput)), RateLimited = true,
        },
        ["POST /api/v1/slots/deselect"] = new("deselectSlot", Access.Public) { Problems = Codes((404, ["employee_not_found"]), (422, SlotInput)) },
        ["POST /api/v1/slots/lock"] = new("lockSlot", Access.Public)
        {
            Problems = Codes((404, ["employee_not_found"]), (409, ["slot_booked", "slot_locked"]), (422, SlotInput), (429, ["too_many_holds"])),
            RateLimited = true,
        },
        ["DELETE /api/v1/slots/lock/{lockToken}"] = new("releaseSlotLock", Access.Public) { Problems = Codes((404, ["lock_not_found"]), (422, NoCode)) },
        ["GET /api/v1/slots/stream"] = new("streamSlotEvents", Access.Public)
        {
            Problems = Codes((404, ["employee_not_found"]), (422, ["date_in_past", "date_beyond_horizon"]), (503, ["too_many_streams"])),
            RateLimited = true,
        },

        // Appointments
        ["POST /api/v1/appointments"] = new("confirmBooking", Access.Public)
        {
            Problems = Codes(
                (404, ["service_not_found", "employee_not_found"]),
                (409, ["slot_taken", "slot_locked", "lock_not_held", "idempotency_key_in_flight"]),
                (422, ["idempotency_key_reused", "lock_token_mismatch", "slot_not_offered", "service_not_offered"])),
            RateLimited = true,
        },
        ["GET /api/v1/appointments"] = new("listMyAppointments", Access.Customer) { Problems = Codes((403, ["sign_in_required"])) },
        ["GET /api/v1/appointments/{id}"] = new("getAppointment", Access.AppointmentHolder) { Problems = Codes((404, ["appointment_not_found"]), (422, NoCode)) },
        ["GET /api/v1/appointments/{id}/calendar"] = new("getAppointmentCalendar", Access.AppointmentHolder)
        {
            Problems = Codes((404, ["appointment_not_found"]), (422, NoCode)),
        },
        ["PUT /api/v1/appointments/{id}"] = new("rescheduleAppointment", Access.AppointmentHolder)
        {
            Problems = Codes(
                (404, ["appointment_not_found", "employee_not_found"]),
                (409, ["slot_taken", "slot_locked", "lock_not_held", "appointment_cancelled", "change_cutoff_passed", "appointment_changed"]),
                (422, ["lock_token_mismatch", "slot_not_offered", "service_not_offered"])),
        },
        ["DELETE /api/v1/appointments/{id}"] = new("cancelAppointment", Access.AppointmentHolder)
        {
            Problems = Codes((404, ["appointment_not_found"]), (409, ["change_cutoff_passed", "appointment_changed"]), (422, NoCode)),
        },

        // Auth
        ["POST /api/v1/auth/otp"] = new("requestOtp", Access.Public) { Problems = Codes((422, NoCode)), RateLimited = true },
        ["POST /api/v1/auth/otp/verify"] = new("verifyOtp", Access.Public) { Problems = Codes((422, ["otp_invalid"])), RateLimited = true },
        ["GET /api/v1/auth/session"] = new("getSession", Access.Customer),
        ["DELETE /api/v1/auth/session"] = new("endSession", Access.Customer),

        // Admin: services
        ["GET /api/v1/admin/services"] = new("listAdminServices", Access.Admin),
        ["POST /api/v1/admin/services"] = new("createService", Access.Admin) { Problems = Codes((422, ["duration_not_on_grid"])), SendsETag = true },
        ["GET /api/v1/admin/services/{id}"] = new("getAdminService", Access.Admin) { Problems = Codes((404, ["service_not_found"]), (422, NoCode)), SendsETag = true },
        ["PUT /api/v1/admin/services/{id}"] = new("updateService", Access.Admin)
        {
            Problems = Codes((404, ["service_not_found"]), (422, ["duration_not_on_grid"])), Conditional = true, SendsETag = true,
        },
        ["POST /api/v1/admin/services/{id}/deactivate"] = new("deactivateService", Access.Admin)
        {
            Problems = Codes((404, ["service_not_found"]), (422, NoCode)), Conditional = true, SendsETag = true,
        },

        // Admin: employees
        ["GET /api/v1/admin/employees"] = new("listAdminEmployees", Access.Admin),
        ["POST /api/v1/admin/employees"] = new("createEmployee", Access.Admin) { Problems = Codes((422, ["service_not_found"])), SendsETag = true },
        ["GET /api/v1/admin/employees/{id}"] = new("getAdminEmployee", Access.Admin) { Problems = Codes((404, ["employee_not_found"]), (422, NoCode)), SendsETag = true },
        ["PUT /api/v1/admin/employees/{id}"] = new("updateEmployee", Access.Admin)
        {
            Problems = Codes((404, ["employee_not_found"]), (422, NoCode)), Conditional = true, SendsETag = true,
        },
        ["POST /api/v1/admin/employees/{id}/deactivate"] = new("deactivateEmployee", Access.Admin)
        {
            Problems = Codes((404, ["employee_not_found"]), (422, NoCode)), Conditional = true, SendsETag = true,
        },
        ["PUT /api/v1/admin/employees/{id}/services"] = new("setEmployeeServices", Access.Admin)
        {
            Problems = Codes((404, ["employee_not_found"]), (422, ["service_not_found"])), Conditional = true, SendsETag = true,
        },
        ["PUT /api/v1/admin/employees/{id}/hours"] = new("setEmployeeHours", Access.Admin)
        {
            Problems = Codes((404, ["employee_not_found"]), (422, NoCode)), Conditional = true, SendsETag = true,
        },
        ["GET /api/v1/admin/employees/{id}/time-off"] = new("listEmployeeTimeOff", Access.Admin) { Problems = Codes((404, ["employee_not_found"]), (422, NoCode)) },
        ["POST /api/v1/admin/employees/{id}/time-off"] = new("addEmployeeTimeOff", Access.Admin) { Problems = Codes((404, ["employee_not_found"]), (422, NoCode)) },
        ["DELETE /api/v1/admin/employees/{id}/time-off/{timeOffId}"] = new("removeEmployeeTimeOff", Access.Admin)
        {
            Problems = Codes((404, ["employee_not_found", "time_off_not_found"]), (422, NoCode)),
        },

        // Admin: closures, settings, hours
        ["GET /api/v1/admin/closures"] = new("listClosures", Access.Admin) { Problems = Codes((422, NoCode)) },
        ["POST /api/v1/admin/closures"] = new("addClosure", Access.Admin) { Problems = Codes((409, ["closure_exists"]), (422, NoCode)) },
        ["DELETE /api/v1/admin/closures/{id}"] = new("removeClosure", Access.Admin) { Problems = Codes((404, ["closure_not_found"]), (422, NoCode)) },
        ["GET /api/v1/admin/settings"] = new("getSettings", Access.Admin) { SendsETag = true },
        ["PUT /api/v1/admin/settings"] = new("updateSettings", Access.Admin)
        {
            Problems = Codes((422, ["services_off_grid"])), Conditional = true, SendsETag = true,
        },
        ["GET /api/v1/admin/business-hours"] = new("getAdminBusinessHours", Access.Admin) { SendsETag = true },
        ["PUT /api/v1/admin/business-hours"] = new("setBusinessHours", Access.Admin) { Problems = Codes((422, NoCode)), Conditional = true, SendsETag = true },

        // Admin: appointments, audit
        ["GET /api/v1/admin/appointments"] = new("searchAppointments", Access.Admin) { Problems = Codes((422, NoCode)) },
        ["GET /api/v1/admin/appointments/export.csv"] = new("exportAppointmentsCsv", Access.Admin) { Problems = Codes((422, NoCode)) },
        ["GET /api/v1/admin/audit"] = new("listAudit", Access.Admin) { Problems = Codes((422, NoCode)) },

        // Admin: webhooks, staff calendar feeds
        ["GET /api/v1/admin/webhooks"] = new("listWebhooks", Access.Admin),
        ["POST /api/v1/admin/webhooks"] = new("registerWebhook", Access.Admin) { Problems = Codes((422, ["webhook_target_refused"])) },
        ["DELETE /api/v1/admin/webhooks/{id}"] = new("deleteWebhook", Access.Admin) { Problems = Codes((404, ["webhook_not_found"]), (422, NoCode)) },
        ["POST /api/v1/admin/webhooks/{id}/rotate-secret"] = new("rotateWebhookSecret", Access.Admin)
        {
            Problems = Codes((404, ["webhook_not_found"]), (422, NoCode)),
        },
        ["GET /api/v1/admin/webhooks/{id}/deliveries"] = new("listWebhookDeliveries", Access.Admin)
        {
            Problems = Codes((404, ["webhook_not_found"]), (422, NoCode)),
        },
        ["POST /api/v1/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver"] = new("redeliverWebhook", Access.Admin)
        {
            Problems = Codes((404, ["webhook_delivery_not_found"]), (422, NoCode)),
        },
        ["POST /api/v1/admin/employees/{id}/calendar-feed"] = new("issueCalendarFeed", Access.Admin)
        {
            Problems = Codes((404, ["employee_not_found"]), (422, NoCode)),
        },
        ["DELETE /api/v1/admin/employees/{id}/calendar-feed"] = new("revokeCalendarFeed", Access.Admin)
        {
            Problems = Codes((404, ["employee_not_found", "calendar_feed_not_found"]), (422, NoCode)),
        },
        ["GET /api/v1/calendar/{token}.ics"] = new("getStaffCalendarFeed", Access.Public) { Problems = Codes((404, ["calendar_feed_not_found"])) },
    };

    private static Dictionary<int, string[]> Codes(params (int Status, string[] Codes)[] entries) =>
        entries.ToDictionary(e => e.Status, e => e.Codes);
}
