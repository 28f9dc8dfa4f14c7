using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Application.Admin.Settings;

namespace AppointEase.Application.UnitTests.Admin;

[TestsFor(typeof(UpdateSettingsValidator))]
public sealed class UpdateSettingsValidatorTests
{
    private static readonly UpdateSettingsCommand Valid = new(1, "Salon", "Europe/Berlin", 30, 120, 60, 1440, 10, 600, 1000);

    private static string[] Fields(UpdateSettingsCommand command) =>
        new UpdateSettingsValidator().Validate(command).Errors.Select(e => e.PropertyName).Distinct().ToArray();

    [Fact]
    public void ValidSettings_HaveNoErrors() => Assert.Empty(Fields(Valid));

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData(null)]
    public void UnknownTimeZone_NamesTimeZone(string? zone) => Assert.Equal(["timeZone"], Fields(Valid with { TimeZone = zone }));

    [Fact]
    public void GridNotAllowed_NamesSlotMinutes() => Assert.Equal(["slotMinutes"], Fields(Valid with { SlotMinutes = 7 }));

    [Fact]
    public void MissingValues_NameEachField() =>
        Assert.Equal(["businessName", "slotMinutes", "heartbeatIntervalMs"],
            Fields(Valid with { BusinessName = null, SlotMinutes = null, HeartbeatIntervalMs = null }));
}
