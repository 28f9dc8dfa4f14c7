using AppointEase.Domain.Scheduling;

namespace AppointEase.Domain.Appointments;

/// <summary>
/// The grid cells an appointment occupies: every cell of <c>slotMinutes</c> (aligned to whole multiples of it since the
/// Unix epoch, in UTC) that intersects [start − buffer before, end + buffer after). A cell partly used is claimed whole,
/// which is conservative: it may refuse a neighbour whose buffers end mid-cell, never admit an overlap.
/// </summary>
public static class BookingCells
{
    public static IReadOnlyList<DateTime> Cover(DateTime startUtc, DateTime endUtc, ServiceFootprint footprint, int slotMinutes)
    {
        if (slotMinutes <= 0) throw new ArgumentOutOfRangeException(nameof(slotMinutes));
        var from = startUtc.AddMinutes(-footprint.BufferBeforeMinutes);
        var to = endUtc.AddMinutes(footprint.BufferAfterMinutes);
        var cell = TimeSpan.FromMinutes(slotMinutes);
        var epoch = DateTime.UnixEpoch;
        var first = epoch + cell * Math.Floor((from - epoch) / cell);
        var cells = new List<DateTime>();
        for (var c = first; c < to; c += cell)
            cells.Add(DateTime.SpecifyKind(c, DateTimeKind.Utc));
        return cells;
    }
}
