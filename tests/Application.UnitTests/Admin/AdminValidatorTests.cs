using AppointEase.Application.Admin.Appointments;
using AppointEase.Application.Admin.Audit;
using AppointEase.Application.Admin.BusinessHours;
using AppointEase.Application.Admin.Closures;
using AppointEase.Application.Admin.Employees;
using AppointEase.Application.Admin.Services;
using AppointEase.Application.UnitTests.Common.Harness;
using FluentValidation;

namespace AppointEase.Application.UnitTests.Admin;

/// <summary>Each admin request names exactly the fields that are wrong, in the API's spelling.</summary>
[TestsFor(typeof(AddClosureValidator), typeof(ListClosuresValidator), typeof(ListAuditValidator), typeof(CreateEmployeeValidator),
    typeof(UpdateEmployeeValidator), typeof(SetEmployeeServicesValidator), typeof(CreateServiceValidator), typeof(UpdateServiceValidator),
    typeof(SetBusinessHoursValidator), typeof(SearchAppointmentsValidator), typeof(ExportAppointmentsValidator))]
public sealed class AdminValidatorTests
{
    private static string[] FieldsIn<T>(IValidator<T> validator, T request) =>
        validator.Validate(request).Errors.Select(e => e.PropertyName).Distinct().Order().ToArray();

    [Fact]
    public void Closures_NameTheBadDateReasonAndRange()
    {
        Assert.Empty(FieldsIn(new AddClosureValidator(), new AddClosureCommand("2026-12-24", "Holiday")));
        Assert.Equal(["date", "reason"], FieldsIn(new AddClosureValidator(), new AddClosureCommand("24.12.2026", "")));
        Assert.Equal(["from", "to"], FieldsIn(new ListClosuresValidator(), new ListClosuresQuery("x", "2026-13-01")));
        Assert.Empty(FieldsIn(new ListClosuresValidator(), new ListClosuresQuery(null, null)));
    }

    [Fact]
    public void ListAudit_NamesALimitOutOfRangeAndACursorNotIssued()
    {
        Assert.Empty(FieldsIn(new ListAuditValidator(), new ListAuditQuery("service", "1", 10, "42")));
        Assert.Equal(["cursor", "limit"], FieldsIn(new ListAuditValidator(), new ListAuditQuery(null, null, ListAuditQuery.MaxLimit + 1, "abc")));
    }

    [Fact]
    public void Employees_NameTheBadNameAndServiceIds()
    {
        Assert.Empty(FieldsIn(new CreateEmployeeValidator(), new CreateEmployeeCommand("Ben", [1, 2])));
        Assert.Equal(["name", "serviceIds[0]"], FieldsIn(new CreateEmployeeValidator(), new CreateEmployeeCommand("", [0])));
        Assert.Equal(["name"], FieldsIn(new UpdateEmployeeValidator(), new UpdateEmployeeCommand(1, 1, new string('n', 121), null)));
        Assert.Equal(["serviceIds"], FieldsIn(new SetEmployeeServicesValidator(), new SetEmployeeServicesCommand(1, 1, null)));
        Assert.Equal(["serviceIds"], FieldsIn(new SetEmployeeServicesValidator(),
            new SetEmployeeServicesCommand(1, 1, Enumerable.Range(1, SetEmployeeServicesValidator.MaxServices + 1).ToList())));
    }

    [Fact]
    public void Services_NameEveryFieldOutOfRange()
    {
        Assert.Empty(FieldsIn(new CreateServiceValidator(), new CreateServiceCommand("Cut", 30, 25.50m, 0, 10)));
        Assert.Equal(["bufferAfterMinutes", "bufferBeforeMinutes", "durationMinutes", "name", "price"],
            FieldsIn(new CreateServiceValidator(), new CreateServiceCommand("", 0, 1.234m, -1, 241)));
        Assert.Equal(["durationMinutes", "price"], FieldsIn(new UpdateServiceValidator(), new UpdateServiceCommand(1, 1, "Cut", null, null, 0, 0, null)));
    }

    [Fact]
    public void SetBusinessHours_NamesADuplicateOrMalformedDay()
    {
        Assert.Empty(FieldsIn(new SetBusinessHoursValidator(), new SetBusinessHoursCommand(1, [new WorkingDayInput("monday", "09:00", "17:00", null)])));
        Assert.NotEmpty(FieldsIn(new SetBusinessHoursValidator(), new SetBusinessHoursCommand(1,
            [new WorkingDayInput("monday", "09:00", "17:00", null), new WorkingDayInput("monday", "10:00", "12:00", null)])));
        Assert.NotEmpty(FieldsIn(new SetBusinessHoursValidator(), new SetBusinessHoursCommand(1, [new WorkingDayInput("funday", "17:00", "09:00", null)])));
    }

    [Fact]
    public void AppointmentFilters_NameBadDatesStatusSortLimitAndCursor()
    {
        Assert.Empty(FieldsIn(new SearchAppointmentsValidator(), new SearchAppointmentsQuery("2026-12-01", "2026-12-31", 1, 1, "confirmed", "ann", "desc", 10, null)));
        Assert.Equal(["cursor", "limit", "sort", "status", "to"], FieldsIn(new SearchAppointmentsValidator(),
            new SearchAppointmentsQuery("2026-12-31", "2026-12-01", null, null, "booked", null, "up", 0, "garbage")));
        var ascendingCursor = new AppointmentCursor(new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc), 5, Descending: false).Encode();
        Assert.Equal(["cursor"], FieldsIn(new SearchAppointmentsValidator(), new SearchAppointmentsQuery(null, null, null, null, null, null, "desc", null, ascendingCursor)));
        Assert.Equal(["employeeId", "from"], FieldsIn(new ExportAppointmentsValidator(), new ExportAppointmentsQuery("yesterday", null, 0, null, null, null, null)));
    }
}
