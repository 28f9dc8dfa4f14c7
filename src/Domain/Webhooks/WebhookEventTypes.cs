namespace AppointEase.Domain.Webhooks;

/// <summary>The event types a webhook endpoint can subscribe to; names are part of the public contract.</summary>
public static class WebhookEventTypes
{
    public const string BookingCreated = "booking.created";
    public const string BookingRescheduled = "booking.rescheduled";
    public const string BookingCancelled = "booking.cancelled";

    public static readonly IReadOnlyList<string> All = [BookingCreated, BookingRescheduled, BookingCancelled];
}
