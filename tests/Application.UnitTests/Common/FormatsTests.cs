using System.Globalization;
using AppointEase.Application.Common;

namespace AppointEase.Application.UnitTests.Common;

public sealed class FormatsTests
{
    /// <summary><see cref="Formats.ToText(TimeOnly)"/> hands out one prebuilt string per minute; it must be what HH:mm writes.</summary>
    [Fact]
    public void TimeText_OfEveryMinute_WithAndWithoutSeconds_IsWhatHHmmWrites()
    {
        for (var minute = 0; minute < 24 * 60; minute++)
        {
            var whole = new TimeOnly(minute / 60, minute % 60);
            foreach (var time in new[] { whole, whole.Add(TimeSpan.FromSeconds(59.999)), whole.Add(TimeSpan.FromTicks(1)) })
                Assert.Equal(time.ToString("HH:mm", CultureInfo.InvariantCulture), Formats.ToText(time));
        }
        Assert.Equal("23:59", Formats.ToText(TimeOnly.MaxValue));
    }
}
