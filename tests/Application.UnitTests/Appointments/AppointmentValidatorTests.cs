using AppointEase.Application.Appointments.ConfirmBooking;
using AppointEase.Application.Appointments.RescheduleAppointment;
using AppointEase.Application.UnitTests.Common.Harness;
using FluentValidation;

namespace AppointEase.Application.UnitTests.Appointments;

[TestsFor(typeof(ConfirmBookingValidator), typeof(RescheduleAppointmentValidator))]
public sealed class AppointmentValidatorTests
{
    private static string[] FieldsIn<T>(IValidator<T> validator, T request) =>
        validator.Validate(request).Errors.Select(e => e.PropertyName).Distinct().Order().ToArray();

    private static ConfirmBookingCommand Confirm(CustomerInput? customer = null, string? notes = null, string? key = null) =>
        new(1, 2, "2026-12-02", "10:00", null, customer ?? new CustomerInput("Ann", "ann@example.com", "+49 30 123"), notes, key);

    [Fact]
    public void Confirm_AValidRequest_HasNoErrors() => Assert.Empty(FieldsIn(new ConfirmBookingValidator(), Confirm()));

    [Fact]
    public void Confirm_WithEveryTopLevelFieldWrong_NamesEach() =>
        Assert.Equal(["customer", "date", "employeeId", "serviceId", "time"],
            FieldsIn(new ConfirmBookingValidator(), new ConfirmBookingCommand(0, 0, "2026-02-30", "9", null, null, null)));

    [Theory]
    [InlineData("Visit evil.example now", "customer.name")]
    [InlineData("Ann\nSmith", "customer.name")]
    [InlineData("", "customer.name")]
    public void Confirm_ANameWithALinkOrANewlineOrNothing_NamesCustomerName(string name, string field) =>
        Assert.Equal([field], FieldsIn(new ConfirmBookingValidator(), Confirm(new CustomerInput(name, "ann@example.com", null))));

    [Fact]
    public void Confirm_ABadEmailAndPhone_NameBoth() =>
        Assert.Equal(["customer.email", "customer.phone"],
            FieldsIn(new ConfirmBookingValidator(), Confirm(new CustomerInput("Ann", "not-an-email", "call me"))));

    [Fact]
    public void Confirm_AnIdempotencyKeyWithSpacesOrTooLong_NamesIdempotencyKey()
    {
        Assert.Equal(["idempotencyKey"], FieldsIn(new ConfirmBookingValidator(), Confirm(key: "has space")));
        Assert.Equal(["idempotencyKey"], FieldsIn(new ConfirmBookingValidator(), Confirm(key: new string('k', ConfirmBookingValidator.MaxIdempotencyKeyLength + 1))));
    }

    [Fact]
    public void Reschedule_AValidRequest_HasNoErrors() =>
        Assert.Empty(FieldsIn(new RescheduleAppointmentValidator(), new RescheduleAppointmentCommand(1, "2026-12-02", "10:00", "token", "client-abc-123", null, null)));

    [Fact]
    public void Reschedule_WithoutALockOrWithABadClientAndEmployee_NamesThem() =>
        Assert.Equal(["clientId", "employeeId", "lockToken"],
            FieldsIn(new RescheduleAppointmentValidator(), new RescheduleAppointmentCommand(1, "2026-12-02", "10:00", null, "a b", 0, null)));
}
