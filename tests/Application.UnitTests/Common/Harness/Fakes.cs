using System.Diagnostics.Metrics;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Slots.SyncFailback;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.UnitTests.Common.Harness;

public sealed class FakeCurrentUser : ICurrentUser
{
    public string? CustomerEmail { get; set; }
    public bool IsAdmin { get; set; }
    public string? AdminKeyId { get; set; }
}

public sealed class FakeOutbox : IEmailOutbox
{
    public List<OutgoingEmail> Sent { get; } = [];
    public void Enqueue(OutgoingEmail email) => Sent.Add(email);
}

/// <summary>Writes the facts into the email so tests can read what was said to whom.</summary>
public sealed class FakeComposer : IBookingEmailComposer
{
    public OutgoingEmail Compose(BookingEmailFacts facts, DateTime nowUtc) =>
        new(facts.Kind.ToString(), facts.Appointment.CustomerEmail, $"{facts.Kind} {facts.Appointment.Reference}",
            $"{facts.ServiceName} with {facts.EmployeeName}; manage={facts.ManageToken ?? "none"}", "", []);

    public string Calendar(BookingEmailFacts facts, DateTime nowUtc) =>
        $"BEGIN:VCALENDAR\nSUMMARY:{facts.ServiceName} with {facts.EmployeeName}\nSTATUS:{facts.Kind}\nEND:VCALENDAR";
}

/// <summary>Classifies SQLite failures the way the real classifier does for the cases handlers switch on.</summary>
public sealed class SqlitePersistenceErrors(DbContext db) : IPersistenceErrors
{
    public DataFault Classify(Exception exception) =>
        exception is DbUpdateException { InnerException: SqliteException { SqliteErrorCode: 19 } } or SqliteException { SqliteErrorCode: 19 }
            ? DataFault.UniqueViolation : DataFault.Other;

    public bool IsConcurrencyConflict(Exception exception) => exception is DbUpdateConcurrencyException;
    public bool TimedOut(Exception exception) => false;
    public void DiscardTrackedChanges() => db.ChangeTracker.Clear();
}

/// <summary>No unit of work in unit tests: the work runs at once, and the test can see that it was deferred.</summary>
public sealed class FakeAfterCommit : IAfterCommit
{
    public int Deferred { get; private set; }

    public async Task RunAfterCommitAsync(Func<Task> action)
    {
        Deferred++;
        await action();
    }
}

/// <summary>
/// A day-bookings cache holding at most one answer for every day, at <see cref="CurrentVersion"/> (7), read with its version as
/// Redis reads it; records every fill. With <see cref="HoldFills"/> set, a fill waits for it (a read still in flight).
/// </summary>
public sealed class FakeDayBookingsCache : IDayBookingsCache
{
    public const long Version = 7;

    public CachedDayBookings? Cached { get; set; }
    public long CurrentVersion { get; set; } = Version;
    public bool Versioned { get; set; } = true;
    public TaskCompletionSource? HoldFills { get; set; }
    public List<(DateOnly Date, int EmployeeId, CachedDayBookings Bookings, long Version)> Fills { get; } = [];
    public int Reads { get; private set; }

    public ValueTask<DayBookingsCacheEntry> GetAsync(DateOnly date, int employeeId, CancellationToken cancellationToken)
    {
        Reads++;
        return ValueTask.FromResult(new DayBookingsCacheEntry(Cached, CurrentVersion, Versioned));
    }

    public async ValueTask SetAsync(DateOnly date, int employeeId, CachedDayBookings bookings, long version, CancellationToken cancellationToken)
    {
        lock (Fills) Fills.Add((date, employeeId, bookings, version));
        if (HoldFills is { } hold) await hold.Task;
    }
}

public sealed class FakeNotifier : ISlotChangeNotifier
{
    public List<(DateOnly Date, int EmployeeId)> Changed { get; } = [];

    /// <summary>Runs at each announcement, for tests of what the world looked like at that moment.</summary>
    public Action? Announcing { get; set; }

    public ValueTask SlotsChangedAsync(DateOnly date, int employeeId, CancellationToken cancellationToken)
    {
        Announcing?.Invoke();
        Changed.Add((date, employeeId));
        return ValueTask.CompletedTask;
    }
}

public sealed class FakeDispatcher : IEmailDispatcher
{
    public int Nudges { get; private set; }
    public Task<EmailDispatchReport> DispatchDueAsync(CancellationToken cancellationToken) => Task.FromResult(new EmailDispatchReport(0, 0, 0));
    public void Nudge() => Nudges++;
}

public sealed class FakeWebhookDispatcher : IWebhookDispatcher
{
    public List<int> Dispatched { get; } = [];
    public void Dispatch(IReadOnlyCollection<int> deliveryIds) => Dispatched.AddRange(deliveryIds);
}

public sealed class FakeStoreStatus : IStoreStatus
{
    public StorageMode Mode { get; set; } = StorageMode.Redis;
    public bool RedisConfigured { get; set; } = true;
    public bool RedisAvailable { get; set; } = true;
}

public sealed class FakeRequestOrigin : IRequestOrigin
{
    public string NetworkKey => "net-test";
}

public sealed class FakeRateLimiter : IRateLimiter
{
    public bool Allow { get; set; } = true;
    public List<(RateLimitRule Rule, string Subject)> Hits { get; } = [];

    public ValueTask<RateLimitDecision> HitAsync(RateLimitRule rule, string subject, CancellationToken cancellationToken)
    {
        Hits.Add((rule, subject));
        return ValueTask.FromResult(new RateLimitDecision(Allow, Hits.Count, TimeSpan.FromMinutes(1)));
    }
}

public sealed class FakeIdempotencyStore : IIdempotencyStore
{
    /// <summary>What a look-up finds (the real store reads the committed row).</summary>
    public IdempotencyStart Found { get; set; } = new(IdempotencyState.Absent);
    public List<string> LookedUp { get; } = [];
    public List<(int Status, string Body)> Recorded { get; } = [];

    public Task<IdempotencyStart> FindAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        LookedUp.Add(key);
        return Task.FromResult(Found);
    }

    public void Record(string key, string requestHash, int status, string body) => Recorded.Add((status, body));
}

public sealed class FakeFailbackSync : ISlotFailbackSync
{
    public FailbackReport Report { get; set; } = null!;
    public int Runs { get; private set; }

    public Task<FailbackReport> SyncAsync(CancellationToken cancellationToken)
    {
        Runs++;
        return Task.FromResult(Report);
    }
}

public sealed class TestMeterFactory : IMeterFactory
{
    public Meter Create(MeterOptions options) => new(options);
    public void Dispose() { }
}

/// <summary>Reads the settings row on every call (the real provider caches it for 5 s); counts invalidations.</summary>
public sealed class DbSettingsProvider(Func<DbContext> newContext) : ISettingsProvider
{
    public int Invalidations { get; private set; }

    public async ValueTask<BusinessSettingsSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = newContext();
        var row = await db.Set<BusinessSettings>().AsNoTracking().SingleAsync(cancellationToken);
        return new BusinessSettingsSnapshot(row.BusinessName, row.TimeZoneId, row.ToPolicy(), row.ChangeCutoffMinutes,
            TimeSpan.FromSeconds(row.SelectionTtlSeconds), TimeSpan.FromSeconds(row.LockTtlSeconds), row.HeartbeatIntervalMs);
    }

    public void Invalidate() => Invalidations++;
}

/// <summary>Allows every target unless a refusal is set, so the handler's answer to a refused URL can be seen.</summary>
public sealed class FakeWebhookTargetPolicy : IWebhookTargetPolicy
{
    public string? Refusal { get; set; }
    public List<Uri> Checked { get; } = [];

    public string? RefusalFor(Uri url)
    {
        Checked.Add(url);
        return Refusal;
    }
}

/// <summary>Keeps what it was asked to write, and writes one line per entry so tests can read the feed.</summary>
public sealed class FakeStaffCalendarWriter : IStaffCalendarWriter
{
    public string? CalendarName { get; private set; }
    public string? Location { get; private set; }
    public IReadOnlyList<StaffCalendarEntry> Entries { get; private set; } = [];

    public string Write(string calendarName, string location, IReadOnlyList<StaffCalendarEntry> entries)
    {
        (CalendarName, Location, Entries) = (calendarName, location, entries);
        return string.Join('\n', entries.Select(e => $"{e.Reference} {e.ServiceName} {(e.Cancelled ? "cancelled" : "confirmed")}"));
    }
}
