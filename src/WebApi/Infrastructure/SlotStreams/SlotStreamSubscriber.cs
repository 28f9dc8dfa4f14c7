using System.Threading.Channels;
using AppointEase.Application.Slots.WatchSlotDay;

namespace AppointEase.WebApi.Infrastructure.SlotStreams;

/// <summary>What a day's reader hands one stream: its snapshot (rendered for its visitor) or an event of the sequence.</summary>
internal abstract record StreamItem(long Sequence);

internal sealed record SnapshotItem(SlotDayView View, long Sequence) : StreamItem(Sequence);

internal sealed record EventItem(DayHubEvent Event) : StreamItem(Event.Sequence);

/// <summary>
/// One open stream as its day's reader sees it: the visitor whose own holds it leaves out, and a bounded queue of items
/// the HTTP response drains. A stream that falls <see cref="SlotStreamOptions.StreamBuffer"/> items behind is closed
/// (<see cref="Overflowed"/>) rather than letting a stalled connection grow memory; its browser resumes by id.
/// </summary>
internal sealed class SlotStreamSubscriber(string clientId, int capacity)
{
    private readonly Channel<StreamItem> _items = Channel.CreateBounded<StreamItem>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full instead of dropping: see Post
    });

    private volatile bool _overflowed;

    public string ClientId { get; } = clientId;

    /// <summary>True until the reader has handed this stream its first snapshot.</summary>
    public bool AwaitsSnapshot { get; set; } = true;

    public bool Overflowed => _overflowed;

    public ChannelReader<StreamItem> Items => _items.Reader;

    public void Post(StreamItem item)
    {
        if (item is SnapshotItem) AwaitsSnapshot = false;
        if (_items.Writer.TryWrite(item)) return;
        _overflowed = true;
        _items.Writer.TryComplete();
    }
}
