using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Application.Admin.Employees;

namespace AppointEase.Application.UnitTests.Admin;

[TestsFor(typeof(AddTimeOffValidator))]
public sealed class AddTimeOffValidatorTests
{
    private readonly AddTimeOffValidator _validator = new();

    private string[] FieldsIn(AddTimeOffCommand command) =>
        _validator.Validate(command).Errors.Select(e => e.PropertyName).Distinct().Order().ToArray();

    [Fact]
    public void OneDay_IsValid() => Assert.Empty(FieldsIn(new(1, "2026-12-24", "2026-12-24", "Holiday")));

    [Fact]
    public void ToBeforeFrom_NamesTo() => Assert.Equal(["to"], FieldsIn(new(1, "2026-12-24", "2026-12-23", null)));

    [Fact]
    public void MoreThanAYear_NamesTo() => Assert.Equal(["to"], FieldsIn(new(1, "2026-01-01", "2027-01-02", null)));

    [Fact]
    public void AYearExactly_IsValid() => Assert.Empty(FieldsIn(new(1, "2026-01-01", "2027-01-01", null)));

    [Fact]
    public void MalformedDates_NameFromAndTo() => Assert.Equal(["from", "to"], FieldsIn(new(1, "24.12.2026", "2026-13-01", null)));

    [Fact]
    public void AReasonOverTheLimit_NamesReason() =>
        Assert.Equal(["reason"], FieldsIn(new(1, "2026-12-24", "2026-12-24", new string('x', AddTimeOffValidator.MaxReasonLength + 1))));
}
