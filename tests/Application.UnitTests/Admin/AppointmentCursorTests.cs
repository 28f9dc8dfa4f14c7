using AppointEase.Application.Admin.Appointments;

namespace AppointEase.Application.UnitTests.Admin;

public sealed class AppointmentCursorTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Encode_ThenDecode_ReturnsTheSamePosition(bool descending)
    {
        var cursor = new AppointmentCursor(new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc).AddTicks(1234560), 98765, descending);

        Assert.True(AppointmentCursor.TryDecode(cursor.Encode(), out var decoded));

        Assert.Equal(cursor, decoded);
        Assert.Equal(DateTimeKind.Utc, decoded!.StartUtc.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("YTF8eHx5fGE")]          // a1|x|y|a
    [InlineData("YjF8MXwyfGE")]          // b1|1|2|a: unknown version
    [InlineData("YTF8MXwyfHo")]          // a1|1|2|z: unknown direction
    [InlineData("YTF8LTF8Mnxh")]         // a1|-1|2|a: negative ticks
    public void TryDecode_Garbage_ReturnsFalse(string text)
    {
        Assert.False(AppointmentCursor.TryDecode(text, out var cursor));
        Assert.Null(cursor);
    }

    [Fact]
    public void TryDecode_HugeInput_ReturnsFalseWithoutDecoding()
    {
        Assert.False(AppointmentCursor.TryDecode(new string('A', 10_000), out _));
    }
}
