using AppointEase.Application.Common.Interfaces;

namespace AppointEase.Application.Appointments.ConfirmBooking;

/// <summary>
/// Confirmation emails to one address that has never signed in (<c>RateLimits:BookingMailPerUnverifiedRecipient</c>,
/// bound in WebApi). Anyone can type someone else's address into a booking; the business's own mail must not become a
/// way to send that person messages at will. Past the limit the booking is still made, only its email is not sent.
/// </summary>
public sealed record BookingMailLimit(RateLimitRule Rule);
