using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Application.Availability.GetAvailability;

namespace AppointEase.Application.UnitTests.Availability;

[TestsFor(typeof(GetAvailabilityValidator))]
public sealed class GetAvailabilityValidatorTests
{
    private readonly GetAvailabilityValidator _validator = new();

    private string[] FieldsIn(GetAvailabilityQuery query) =>
        _validator.Validate(query).Errors.Select(e => e.PropertyName).Distinct().ToArray();

    [Fact]
    public void OneDate_IsValid() => Assert.Empty(FieldsIn(new("2026-12-01", null, null, 1, 1)));

    [Fact]
    public void ARangeOf31Days_IsValid() => Assert.Empty(FieldsIn(new(null, "2026-12-01", "2026-12-31", 1, 1)));

    [Fact]
    public void ARangeOf32Days_NamesTo() => Assert.Equal(["to"], FieldsIn(new(null, "2026-12-01", "2027-01-01", 1, 1)));

    [Fact]
    public void FromAfterTo_NamesFrom() => Assert.Equal(["from"], FieldsIn(new(null, "2026-12-02", "2026-12-01", 1, 1)));

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026-12-1")]
    [InlineData("01.12.2026")]
    [InlineData("2026-12-01T10:00")]
    public void MalformedDates_NameDate(string date) => Assert.Equal(["date"], FieldsIn(new(date, null, null, 1, 1)));

    [Fact]
    public void NonPositiveIds_NameEachField() =>
        Assert.Equal(["employeeId", "serviceId"], FieldsIn(new("2026-12-01", null, null, 0, -5)).Order().ToArray());

    [Fact]
    public void NeitherDateNorRange_NamesFromAndTo() =>
        Assert.Equal(["from", "to"], FieldsIn(new(null, null, null, 1, 1)).Order().ToArray());
}
