using System.Diagnostics.Metrics;
using AppointEase.Application.Common.Interfaces;

namespace AppointEase.Application.Common.Telemetry;

/// <summary>
/// Every instrument of the "AppointEase" meter, created up front so the scrape endpoint and the catalogue test
/// (docs/operations.md, deploy/) see all of them from start-up. Names follow the OpenTelemetry conventions (dotted,
/// unit on the instrument); tags are low-cardinality on purpose: outcome, policy, job, reason, request type — never a
/// client, slot or e-mail address. The meter comes from <see cref="IMeterFactory"/>, so each host (and each
/// integration-test app) has its own and disposes it with its container.
/// </summary>
public sealed class AppointEaseMetrics
{
    /// <summary>Seconds buckets for request and failback durations (the SDK's default buckets are for milliseconds).</summary>
    private static readonly IReadOnlyList<double> SecondsBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10, 30];

    private static readonly IReadOnlyList<double> HoldsBuckets = [0, 1, 10, 100, 1_000, 10_000, 100_000];

    private readonly Counter<long> _failovers;
    private readonly Counter<long> _failbacks;
    private readonly Histogram<double> _failbackDuration;
    private readonly Histogram<long> _holdsSynced;
    private readonly Counter<long> _selections;
    private readonly Counter<long> _locks;
    private readonly Counter<long> _confirmed;
    private readonly Counter<long> _rescheduled;
    private readonly Counter<long> _cancelled;
    private readonly Counter<long> _idempotentReplays;
    private readonly Counter<long> _heartbeats;
    private readonly Counter<long> _otpSent;
    private readonly Counter<long> _otpFailed;
    private readonly Counter<long> _otpLockedOut;
    private readonly Counter<long> _rateLimitRejections;
    private readonly Counter<long> _rateLimitSqlFallbacks;
    private readonly Counter<long> _jobRuns;
    private readonly Counter<long> _jobFailures;
    private readonly Counter<long> _databaseRetries;
    private readonly Histogram<double> _requestDuration;
    private readonly UpDownCounter<long> _slotStreamsOpen;
    private readonly Counter<long> _slotStreamsRefused;
    private readonly UpDownCounter<long> _slotStreamReaders;

    private volatile int _storeMode = (int)StorageMode.Sql;
    private volatile bool _redisConfigured;
    private long _outboxBacklog = -1;
    private double _outboxOldestAgeSeconds = -1;

    public AppointEaseMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(AppointEaseTelemetry.Name);
        meter.CreateObservableGauge("appointease.slot_store.mode", ObserveStoreMode, "{mode}",
            "1 for the store this instance serves slot state from (mode=redis|sql), 0 for the other.");
        _failovers = meter.CreateCounter<long>("appointease.slot_store.failovers", "{failover}", "Switches from Redis to SQL.");
        _failbacks = meter.CreateCounter<long>("appointease.slot_store.failbacks", "{failback}", "Switches from SQL back to Redis.");
        _failbackDuration = meter.CreateHistogram("appointease.slot_store.failback.duration", "s",
            "Time from Redis answering again to serving from Redis (sync, cache drop, switch, second sync).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _holdsSynced = meter.CreateHistogram("appointease.slot_store.failback.holds_synced", "{hold}",
            "Holds (locks and selections) copied from SQL to Redis by one failback sync.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = HoldsBuckets.Select(b => (long)b).ToList() });
        _selections = meter.CreateCounter<long>("appointease.slots.selections", "{selection}", "Slots selected by visitors.");
        _locks = meter.CreateCounter<long>("appointease.slots.locks", "{lock}", "Lock attempts and ends by outcome (won, conflict, expired, released).");
        _confirmed = meter.CreateCounter<long>("appointease.bookings.confirmed", "{booking}", "Bookings created.");
        _rescheduled = meter.CreateCounter<long>("appointease.bookings.rescheduled", "{booking}", "Bookings moved to another slot.");
        _cancelled = meter.CreateCounter<long>("appointease.bookings.cancelled", "{booking}", "Bookings cancelled.");
        _idempotentReplays = meter.CreateCounter<long>("appointease.bookings.idempotent_replays", "{request}",
            "Confirm requests answered from the stored response of an earlier request with the same Idempotency-Key.");
        _heartbeats = meter.CreateCounter<long>("appointease.slots.heartbeats", "{heartbeat}", "Heartbeat responses by outcome (200, 304, 429).");
        _otpSent = meter.CreateCounter<long>("appointease.otp.sent", "{code}", "Sign-in codes issued (queued for e-mail).");
        _otpFailed = meter.CreateCounter<long>("appointease.otp.failed", "{attempt}", "Sign-in attempts with a wrong, expired or used code.");
        _otpLockedOut = meter.CreateCounter<long>("appointease.otp.locked_out", "{attempt}", "Sign-in attempts refused because the code ran out of tries.");
        _rateLimitRejections = meter.CreateCounter<long>("appointease.rate_limit.rejections", "{request}", "Requests refused with 429 by policy.");
        _rateLimitSqlFallbacks = meter.CreateCounter<long>("appointease.rate_limit.sql_fallbacks", "{request}",
            "Rate-limit hits counted in SQL instead of Redis, by reason (timeout: one call while Redis answers; outage; disconnected).");
        meter.CreateObservableGauge("appointease.outbox.backlog", ObserveOutboxBacklog, "{email}", "E-mails waiting in the outbox (pending, not dead-lettered).");
        meter.CreateObservableGauge("appointease.outbox.oldest_age", ObserveOutboxOldestAge, "s", "Age of the oldest pending outbox e-mail (0 when none).");
        _jobRuns = meter.CreateCounter<long>("appointease.jobs.runs", "{run}", "Background job runs by job.");
        _jobFailures = meter.CreateCounter<long>("appointease.jobs.failures", "{run}", "Background job runs that threw, by job.");
        _databaseRetries = meter.CreateCounter<long>("appointease.database.retries", "{retry}", "Units of work run again after a retryable database error, by reason.");
        _requestDuration = meter.CreateHistogram("appointease.requests.duration", "s", "Mediator request (command/query) duration by request type.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _slotStreamsOpen = meter.CreateUpDownCounter<long>("appointease.slot_streams.open", "{stream}",
            "Slot streams (Server-Sent Events) open on this instance.");
        _slotStreamsRefused = meter.CreateCounter<long>("appointease.slot_streams.refused", "{stream}",
            "Slot streams refused with 503 because this instance already served SlotStreams:MaxStreams.");
        _slotStreamReaders = meter.CreateUpDownCounter<long>("appointease.slot_streams.readers", "{reader}",
            "Day readers on this instance: one per date and employee with open streams, each reading its day once a second.");
    }

    public void StoreModeChanged(StorageMode mode, bool redisConfigured)
    {
        _storeMode = (int)mode;
        _redisConfigured = redisConfigured;
    }

    public void FailedOver() => _failovers.Add(1);

    public void FailedBack(TimeSpan duration)
    {
        _failbacks.Add(1);
        _failbackDuration.Record(duration.TotalSeconds);
    }

    public void FailbackSynced(int holds) => _holdsSynced.Record(holds);

    public void SlotSelected() => _selections.Add(1);

    public void Lock(LockOutcomeTag outcome) => _locks.Add(1, new KeyValuePair<string, object?>("outcome", outcome.Text));

    public void BookingConfirmed() => _confirmed.Add(1);
    public void BookingRescheduled() => _rescheduled.Add(1);
    public void BookingCancelled() => _cancelled.Add(1);
    public void IdempotentReplay() => _idempotentReplays.Add(1);

    /// <summary>Only 200, 304 and 429 are heartbeat outcomes; other statuses are errors and show in the HTTP metrics.</summary>
    public void Heartbeat(int status)
    {
        if (status is 200 or 304 or 429)
            _heartbeats.Add(1, new KeyValuePair<string, object?>("outcome", StatusText(status)));
    }

    public void OtpSent() => _otpSent.Add(1);
    public void OtpFailed() => _otpFailed.Add(1);
    public void OtpLockedOut() => _otpLockedOut.Add(1);

    /// <summary><paramref name="policy"/> is a configured limit name (a handful), never the limited subject.</summary>
    public void RateLimitRejected(string policy) => _rateLimitRejections.Add(1, new KeyValuePair<string, object?>("policy", policy));

    public void RateLimitFellBackToSql(string reason) => _rateLimitSqlFallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>The latest outbox sample; the gauges report it until the next one.</summary>
    public void OutboxSampled(long backlog, TimeSpan oldestAge)
    {
        Interlocked.Exchange(ref _outboxBacklog, backlog);
        Interlocked.Exchange(ref _outboxOldestAgeSeconds, oldestAge.TotalSeconds);
    }

    public void JobRan(string job, bool failed)
    {
        var tag = new KeyValuePair<string, object?>("job.name", job);
        _jobRuns.Add(1, tag);
        if (failed) _jobFailures.Add(1, tag);
    }

    /// <summary>
    /// A unit of work is run again after a retryable database error. <paramref name="reason"/> is the error class
    /// (deadlock, lock_timeout, transient, …), one of a small fixed set — the retry paths call this, whatever runs them.
    /// </summary>
    public void DatabaseRetry(string reason) => _databaseRetries.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RequestHandled(string request, TimeSpan elapsed) =>
        _requestDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("request", request));

    /// <summary>A slot stream was admitted (under the instance cap); pair with <see cref="SlotStreamClosed"/>.</summary>
    public void SlotStreamOpened() => _slotStreamsOpen.Add(1);

    public void SlotStreamClosed() => _slotStreamsOpen.Add(-1);

    public void SlotStreamRefused() => _slotStreamsRefused.Add(1);

    /// <summary>A day got (+1) or lost (-1) its shared reader.</summary>
    public void SlotStreamReaders(int change) => _slotStreamReaders.Add(change);

    private IEnumerable<Measurement<int>> ObserveStoreMode()
    {
        var mode = (StorageMode)_storeMode;
        var configured = new KeyValuePair<string, object?>("redis_configured", _redisConfigured ? "true" : "false");
        yield return new Measurement<int>(mode == StorageMode.Redis ? 1 : 0, new KeyValuePair<string, object?>("mode", "redis"), configured);
        yield return new Measurement<int>(mode == StorageMode.Sql ? 1 : 0, new KeyValuePair<string, object?>("mode", "sql"), configured);
    }

    /// <summary>Nothing until the first sample: an unknown backlog must not read as an empty one.</summary>
    private IEnumerable<Measurement<long>> ObserveOutboxBacklog()
    {
        var value = Interlocked.Read(ref _outboxBacklog);
        if (value >= 0) yield return new Measurement<long>(value);
    }

    private IEnumerable<Measurement<double>> ObserveOutboxOldestAge()
    {
        var value = Interlocked.CompareExchange(ref _outboxOldestAgeSeconds, 0, 0);
        if (value >= 0) yield return new Measurement<double>(value);
    }

    private static string StatusText(int status) => status switch
    {
        200 => "200",
        304 => "304",
        _ => "429",
    };
}

/// <summary>The closed set of lock outcomes the locks counter is tagged with.</summary>
public readonly record struct LockOutcomeTag(string Text)
{
    public static readonly LockOutcomeTag Won = new("won");
    public static readonly LockOutcomeTag Conflict = new("conflict");
    public static readonly LockOutcomeTag Expired = new("expired");
    public static readonly LockOutcomeTag Released = new("released");
}
