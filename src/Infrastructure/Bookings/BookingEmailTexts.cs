using System.Globalization;

namespace AppointEase.Infrastructure.Bookings;

/// <summary>
/// The words of a booking email in the customer's locale (en, de, es). Values typed by people (names, services, the
/// business) stay as they were entered; dates use the locale's month and day names.
/// </summary>
internal sealed record BookingEmailTexts(
    CultureInfo Culture,
    string Hello,
    string ConfirmedSubject, string ConfirmedHeadline,
    string MovedSubject, string MovedHeadline,
    string CancelledSubject, string CancelledHeadline,
    string Reference, string Service, string With, string When, string Where,
    string ManageLink)
{
    private static readonly BookingEmailTexts English = new(CultureInfo.InvariantCulture, "Hello",
        "Booking confirmed", "Your appointment is confirmed.",
        "Booking moved", "Your appointment has been moved.",
        "Booking cancelled", "Your appointment has been cancelled.",
        "Reference", "Service", "With", "When", "Where", "View, move or cancel your appointment");

    private static readonly BookingEmailTexts German = new(CultureInfo.GetCultureInfo("de-DE"), "Hallo",
        "Termin bestätigt", "Ihr Termin ist bestätigt.",
        "Termin verschoben", "Ihr Termin wurde verschoben.",
        "Termin storniert", "Ihr Termin wurde storniert.",
        "Buchungsnummer", "Leistung", "Bei", "Wann", "Wo", "Termin ansehen, verschieben oder stornieren");

    private static readonly BookingEmailTexts Spanish = new(CultureInfo.GetCultureInfo("es-ES"), "Hola",
        "Cita confirmada", "Su cita está confirmada.",
        "Cita cambiada", "Su cita ha sido cambiada.",
        "Cita cancelada", "Su cita ha sido cancelada.",
        "Referencia", "Servicio", "Con", "Cuándo", "Dónde", "Ver, cambiar o cancelar su cita");

    public static BookingEmailTexts For(string locale) => locale switch
    {
        "de" => German,
        "es" => Spanish,
        _ => English,
    };
}
