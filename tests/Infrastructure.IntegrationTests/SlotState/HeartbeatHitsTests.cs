using AppointEase.Infrastructure.SlotState.SqlHeartbeat;

namespace AppointEase.Infrastructure.IntegrationTests.SlotState;

/// <summary>
/// What the SQL-mode heartbeat's next command writes and reads back (decision 158): a counter is written once its
/// unwritten hits reach a twentieth of its limit or its window has ended; until then the command only reads its count
/// back, and the count this instance decides on is SQL's plus its own unwritten hits.
/// </summary>
public sealed class HeartbeatHitsTests
{
    private const int Limit = 600; // the default HeartbeatPerClient: written every 30 hits
    private static readonly DateOnly Date = new(2026, 12, 14);
    private static readonly DateTime WindowStart = new(2026, 12, 8, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime WindowEnd = WindowStart.AddMinutes(1);
    private static readonly DateTime MidWindow = WindowStart.AddSeconds(30);

    private readonly HeartbeatHits _hits = new();

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(39, 1)]
    [InlineData(40, 2)]
    [InlineData(600, 30)]
    [InlineData(1_000_000, 50_000)]
    public void WriteEvery_IsATwentiethOfTheLimit_AtLeastOneHit(int permitLimit, long expected) =>
        Assert.Equal(expected, HeartbeatHits.WriteEvery(permitLimit));

    [Fact]
    public void Take_BelowATwentiethOfTheLimit_OnlyReadsTheCountBack_AndAtItWritesEveryUnwrittenHit()
    {
        Hit("alice", 29);
        var below = Assert.Single(_hits.Take(Date, 1, MidWindow));
        _hits.Written(Date, 1, [below], new Dictionary<(string, DateTime), long>());
        Hit("alice", 1);
        var due = Assert.Single(_hits.Take(Date, 1, MidWindow));

        Assert.Equal(new CounterSync("alice", WindowStart, WindowEnd, 0), below);
        Assert.Equal(new CounterSync("alice", WindowStart, WindowEnd, 30), due);
    }

    [Fact]
    public void Take_PutsTheCountersItWritesFirst_OrderedByKey_ThenTheLiveOnesItOnlyReads()
    {
        Hit("bob", 1);
        Hit("carol", 30);
        Hit("alice", 30);

        var taken = _hits.Take(Date, 1, MidWindow);

        // Written rows in key order: two commands racing on the same rows lock them in the same order.
        Assert.Equal([("alice", 30L), ("carol", 30L), ("bob", 0L)], taken.Select(c => (c.Bucket, c.Hits)).ToArray());
    }

    [Fact]
    public void CountOf_IsTheCountReadBack_PlusThisInstancesHitsNotWrittenYet()
    {
        Hit("alice", 5);
        var taken = _hits.Take(Date, 1, MidWindow); // read only: SQL holds 100 of other instances' hits
        _hits.Written(Date, 1, taken, new Dictionary<(string, DateTime), long> { [("alice", WindowStart)] = 100 });
        Hit("alice", 1);

        Assert.Equal(106, _hits.CountOf(Date, 1, "alice", WindowStart));
    }

    [Fact]
    public void CountOf_NeverFallsBelowThisInstancesOwnHits_WhateverIsReadBack()
    {
        Hit("alice", 30);
        var taken = _hits.Take(Date, 1, MidWindow);
        _hits.Written(Date, 1, taken, new Dictionary<(string, DateTime), long>()); // a read that missed the row

        Assert.Equal(30, _hits.CountOf(Date, 1, "alice", WindowStart));
    }

    [Fact]
    public void Take_AfterTheWindowEnds_WritesTheHitsLeft_ThenDropsTheCounter()
    {
        Hit("alice", 5);

        var left = Assert.Single(_hits.Take(Date, 1, WindowEnd));
        _hits.Written(Date, 1, [left], new Dictionary<(string, DateTime), long>());

        Assert.Equal(5, left.Hits);
        Assert.Empty(_hits.Take(Date, 1, WindowEnd));
        Assert.Equal(0, _hits.CountOf(Date, 1, "alice", WindowStart));
    }

    [Fact]
    public void Failed_HandsTheHitsBack_ForTheNextCommandToWrite()
    {
        Hit("alice", 30);
        var failed = _hits.Take(Date, 1, MidWindow);
        _hits.Failed(Date, 1, failed);

        var retried = Assert.Single(_hits.Take(Date, 1, MidWindow));

        Assert.Equal(30, retried.Hits);
        Assert.Equal(30, _hits.CountOf(Date, 1, "alice", WindowStart));
    }

    private void Hit(string bucket, int times)
    {
        for (var i = 0; i < times; i++) _hits.Hit(Date, 1, bucket, WindowStart, WindowEnd, Limit);
    }
}
