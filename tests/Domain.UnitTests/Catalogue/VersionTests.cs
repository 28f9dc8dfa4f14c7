using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Domain.UnitTests.Catalogue;

/// <summary>The concurrency version (ETag) must move on every real change and stay put on a no-op.</summary>
public sealed class VersionTests
{
    private static readonly DaySchedule NineToFive = new(new TimeOnly(9, 0), new TimeOnly(17, 0));

    [Fact]
    public void Service_UpdateAndStateChanges_BumpTheVersion_RepeatedDeactivateDoesNot()
    {
        var service = new Service("Cut", 30, 10m);
        var created = service.Version;

        service.Update("Cut", 60, 12m, 0, 5);
        var updated = service.Version;
        service.Deactivate();
        var deactivated = service.Version;
        service.Deactivate();

        Assert.True(updated > created);
        Assert.True(deactivated > updated);
        Assert.Equal(deactivated, service.Version);
    }

    [Fact]
    public void Employee_HoursServicesAndRename_BumpTheVersion_SameNameDoesNot()
    {
        var employee = new Employee("Sam");
        var v0 = employee.Version;

        employee.SetHours(DayOfWeek.Monday, NineToFive);
        var v1 = employee.Version;
        employee.Offer(new Service("Cut", 30, 10m));
        var v2 = employee.Version;
        employee.Rename(" Sam ");
        var v3 = employee.Version;
        employee.Rename("Samantha");

        Assert.True(v1 > v0);
        Assert.True(v2 > v1);
        Assert.Equal(v2, v3);
        Assert.True(employee.Version > v3);
    }
}
