using System.Text;
using System.Text.Json;
using AppointEase.Application.Common;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Slots.WatchSlotDay;
using Microsoft.AspNetCore.Http.Features;

namespace AppointEase.WebApi.Infrastructure.SlotStreams;

/// <summary>The data of <c>selected</c>, <c>deselected</c>, <c>locked</c>, <c>released</c>, <c>expired</c>, <c>booked</c>, <c>cancelled</c>.</summary>
/// <param name="Time">The slot's start, HH:mm in the business time zone.</param>
/// <param name="Hold">On <c>expired</c> only: <c>selection</c> or <c>lock</c>.</param>
public sealed record SlotEventData(string Time, string? Hold = null);

/// <summary>The data of <c>store-mode</c>: the heartbeat's <c>storageMode</c> and <c>redisStatus</c>.</summary>
public sealed record StoreModeEventData(string StorageMode, string RedisStatus);

/// <summary>The data of <c>closing</c>, the last event of a stream the server ends: <c>shutdown</c> or <c>overflow</c>.</summary>
public sealed record ClosingEventData(string Reason);

/// <summary>
/// Writes one stream: the <c>retry:</c> hint, then what the day's reader hands it (snapshot, events, each flushed at
/// once), a <c>: keep-alive</c> comment every <see cref="SlotStreamOptions.KeepAliveSeconds"/>, until the browser
/// leaves, or the instance stops or the stream falls too far behind, which end it with a <c>closing</c> event.
/// The format is a few fixed lines; ASP.NET's <c>TypedResults.ServerSentEvents</c> cannot write comments, which the
/// keep-alive needs (decision 121).
/// </summary>
internal sealed class SlotStreamResponse(HttpContext http, SlotStreamOptions options, JsonSerializerOptions json, TimeProvider clock)
{
    public const string ContentType = "text/event-stream";

    public async Task ServeAsync(SlotDayHubs hubs, SlotStreamTarget target, string? lastEventId, CancellationToken stopping)
    {
        var response = http.Response;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx and kin: pass each event through, do not buffer the stream
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var token = ending.Token;

        var client = target.Client.Value;
        var subscriber = new SlotStreamSubscriber(client, options.StreamBuffer);
        await WriteAsync($"retry: {options.ReconnectMs}\n\n", token);
        var hub = hubs.Join(target, subscriber, lastEventId);
        try
        {
            await PumpAsync(hub, subscriber, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (IOException) // the connection went away mid-write
        {
        }
        finally
        {
            await hubs.LeaveAsync(hub, subscriber);
        }
        if (http.RequestAborted.IsCancellationRequested) return;
        var reason = subscriber.Overflowed ? "overflow" : "shutdown";
        try { await WriteEventAsync("closing", null, new ClosingEventData(reason), http.RequestAborted); }
        catch (Exception ex) when (ex is IOException or OperationCanceledException) { }
    }

    private async Task PumpAsync(DayHub hub, SlotStreamSubscriber subscriber, CancellationToken token)
    {
        var keepAliveEvery = TimeSpan.FromSeconds(options.KeepAliveSeconds);
        Task<bool>? pending = null;
        Task? keepAlive = null;
        while (!token.IsCancellationRequested)
        {
            pending ??= subscriber.Items.WaitToReadAsync(token).AsTask();
            // One timer per stream, re-armed when it fires: a comment every interval whatever else is sent.
            keepAlive ??= Task.Delay(keepAliveEvery, clock, token);
            if (await Task.WhenAny(pending, keepAlive) == keepAlive)
            {
                if (token.IsCancellationRequested) return;
                keepAlive = null;
                await WriteAsync(": keep-alive\n\n", token);
                continue;
            }
            if (!await pending) return; // completed: the stream fell too far behind
            pending = null;
            while (subscriber.Items.TryRead(out var item))
                await WriteItemAsync(hub, subscriber.ClientId, item, token);
            await http.Response.Body.FlushAsync(token);
        }
    }

    private async Task WriteItemAsync(DayHub hub, string client, StreamItem item, CancellationToken token)
    {
        var id = hub.IdOf(item.Sequence);
        switch (item)
        {
            case SnapshotItem snapshot:
                await WriteEventAsync("snapshot", id, snapshot.View.SnapshotFor(client, clock.GetUtcNow().UtcDateTime), token);
                break;
            case EventItem { Event.StoreSwitched: { } view }:
                await WriteEventAsync("store-mode", id, new StoreModeEventData(StorageModeText.Of(view.Mode), view.RedisAvailable ? "available" : "unavailable"), token);
                await WriteEventAsync("snapshot", id, view.SnapshotFor(client, clock.GetUtcNow().UtcDateTime), token);
                break;
            case EventItem { Event.Change: { } change } when change.IsVisibleTo(client):
                var hold = change.Kind == SlotChangeKind.Expired ? (change.OfLock ? "lock" : "selection") : null;
                await WriteEventAsync(change.Kind.ToString().ToLowerInvariant(), id, new SlotEventData(Formats.ToText(change.Time), hold), token);
                break;
        }
    }

    private Task WriteEventAsync<T>(string type, string? id, T data, CancellationToken token)
    {
        var text = new StringBuilder();
        if (id is not null) text.Append("id: ").Append(id).Append('\n');
        text.Append("event: ").Append(type).Append('\n');
        text.Append("data: ").Append(JsonSerializer.Serialize(data, json)).Append("\n\n"); // compact JSON: one line
        return WriteAsync(text.ToString(), token);
    }

    private async Task WriteAsync(string text, CancellationToken token)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), token);
        await http.Response.Body.FlushAsync(token);
    }
}
