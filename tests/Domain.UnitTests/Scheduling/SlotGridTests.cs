using AppointEase.Domain.Scheduling;

namespace AppointEase.Domain.UnitTests.Scheduling;

public sealed class SlotGridTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly ServiceFootprint HalfHour = new(30, 0, 0);
    private static readonly DateOnly Wednesday = new(2026, 12, 2);
    // 2026-12-01 08:00 Berlin (07:00 UTC): the day before Wednesday, so notice never interferes unless a test wants it.
    private static readonly DateTimeOffset EarlierNow = new(2026, 12, 1, 7, 0, 0, TimeSpan.Zero);

    private static SchedulingPolicy Policy(int grid = 30, int noticeMinutes = 60, int horizonDays = 90) =>
        new(Berlin, grid, TimeSpan.FromMinutes(noticeMinutes), horizonDays);

    private static DaySchedule Hours(string opens, string closes, params (string Start, string End)[] breaks) =>
        new(TimeOnly.Parse(opens), TimeOnly.Parse(closes), breaks.Select(b => new TimeRange(TimeOnly.Parse(b.Start), TimeOnly.Parse(b.End))).ToList());

    private static DayPlan Plan(DateOnly date, DaySchedule? business, DaySchedule? employee, bool closed = false, bool off = false,
        IReadOnlyList<BusyInterval>? busy = null) => new(date, business, employee, closed, off, busy ?? []);

    private static string[] Times(IEnumerable<GridSlot> slots) => slots.Select(s => s.Time.ToString("HH:mm")).ToArray();

    [Fact]
    public void Calculate_OnAPlainDay_OffersEveryGridStartThatFits()
    {
        var day = Hours("09:00", "12:00");

        var slots = SlotGrid.Calculate(Policy(), HalfHour, Plan(Wednesday, day, day), EarlierNow);

        Assert.Equal(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"], Times(slots));
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromMinutes(30), s.EndUtc - s.StartUtc));
        Assert.Equal(new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc), slots[0].StartUtc); // CET = UTC+1
    }

    [Fact]
    public void Calculate_WithALunchBreak_OffersNothingThatOverlapsTheBreak()
    {
        var day = Hours("09:00", "17:00", ("12:00", "13:00"));

        var slots = SlotGrid.Calculate(Policy(), new ServiceFootprint(60, 0, 0), Plan(Wednesday, day, day), EarlierNow);

        Assert.Contains("11:00", Times(slots));
        Assert.DoesNotContain("11:30", Times(slots)); // would run into the break
        Assert.DoesNotContain("12:00", Times(slots));
        Assert.DoesNotContain("12:30", Times(slots));
        Assert.Contains("13:00", Times(slots));
        Assert.Equal("16:00", Times(slots)[^1]);
    }

    [Fact]
    public void Calculate_IntersectsBusinessAndEmployeeHours()
    {
        var business = Hours("09:00", "17:00");
        var employee = Hours("11:00", "19:00", ("14:00", "14:30"));

        var slots = SlotGrid.Calculate(Policy(), HalfHour, Plan(Wednesday, business, employee), EarlierNow);

        Assert.Equal(["11:00", "11:30", "12:00", "12:30", "13:00", "13:30", "14:30", "15:00", "15:30", "16:00", "16:30"], Times(slots));
    }

    [Fact]
    public void Calculate_OnAClosureOrTimeOffOrClosedWeekday_OffersNothing()
    {
        var day = Hours("09:00", "17:00");

        Assert.Empty(SlotGrid.Calculate(Policy(), HalfHour, Plan(Wednesday, day, day, closed: true), EarlierNow));
        Assert.Empty(SlotGrid.Calculate(Policy(), HalfHour, Plan(Wednesday, day, day, off: true), EarlierNow));
        Assert.Empty(SlotGrid.Calculate(Policy(), HalfHour, Plan(Wednesday, null, day), EarlierNow));
        Assert.Empty(SlotGrid.Calculate(Policy(), HalfHour, Plan(Wednesday, day, null), EarlierNow));
    }

    [Fact]
    public void Calculate_RespectsMinimumNotice()
    {
        var day = Hours("09:00", "17:00");
        var now = new DateTimeOffset(2026, 12, 2, 9, 10, 0, TimeSpan.Zero); // 10:10 in Berlin

        var slots = SlotGrid.Calculate(Policy(noticeMinutes: 60), HalfHour, Plan(Wednesday, day, day), now);

        Assert.Equal("11:30", Times(slots)[0]); // 11:10 is the earliest start; 11:30 is the first grid start after it
    }

    [Fact]
    public void Calculate_BeyondTheHorizonOrInThePast_OffersNothing()
    {
        var day = Hours("09:00", "17:00");
        var policy = Policy(horizonDays: 10);

        Assert.NotEmpty(SlotGrid.Calculate(policy, HalfHour, Plan(new DateOnly(2026, 12, 11), day, day), EarlierNow));
        Assert.Empty(SlotGrid.Calculate(policy, HalfHour, Plan(new DateOnly(2026, 12, 12), day, day), EarlierNow));
        Assert.Empty(SlotGrid.Calculate(policy, HalfHour, Plan(new DateOnly(2026, 11, 30), day, day), EarlierNow));
    }

    [Fact]
    public void Calculate_ServiceLongerThanTheRemainingWindow_IsNotOfferedAtTheEnd()
    {
        var day = Hours("09:00", "11:00");

        var slots = SlotGrid.Calculate(Policy(), new ServiceFootprint(90, 0, 0), Plan(Wednesday, day, day), EarlierNow);

        Assert.Equal(["09:00", "09:30"], Times(slots));
        Assert.Empty(SlotGrid.Calculate(Policy(), new ServiceFootprint(150, 0, 0), Plan(Wednesday, day, day), EarlierNow));
    }

    [Fact]
    public void Calculate_MarksSlotsOverlappingABookingIncludingBuffers()
    {
        var day = Hours("09:00", "13:00");
        var booked = new BusyInterval(new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc)); // 10:00–11:00 local

        var slots = SlotGrid.Calculate(Policy(), new ServiceFootprint(30, 0, 15), Plan(Wednesday, day, day, busy: [booked]), EarlierNow);

        var bookedTimes = Times(slots.Where(s => s.Booked));
        Assert.Equal(["09:30", "10:00", "10:30"], bookedTimes); // 09:30 + 30 min + 15 min buffer reaches into 10:00
        Assert.False(slots.Single(s => s.Time == new TimeOnly(11, 0)).Booked);
    }

    [Fact]
    public void WithBookings_OnAGridCalculatedWithoutThem_EqualsTheGridCalculatedWithThem()
    {
        var day = Hours("09:00", "13:00");
        var footprint = new ServiceFootprint(60, 10, 15);
        IReadOnlyList<BusyInterval> busy =
        [
            new(new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc)),
            new(new DateTime(2026, 12, 2, 11, 55, 0, DateTimeKind.Utc), new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc)), // 12:55–13:00 local
        ];

        var later = SlotGrid.WithBookings(SlotGrid.Calculate(Policy(), footprint, Plan(Wednesday, day, day), EarlierNow), footprint, busy);
        var atOnce = SlotGrid.Calculate(Policy(), footprint, Plan(Wednesday, day, day, busy: busy), EarlierNow);

        Assert.Equal(atOnce, later);
        Assert.Contains(later, s => s.Booked);
        Assert.Contains(later, s => !s.Booked);
    }

    [Fact]
    public void Calculate_OnSpringForwardDay_SkipsTheMissingHourAndCountsRealMinutes()
    {
        var sunday = new DateOnly(2026, 3, 29); // Berlin: 02:00 → 03:00
        var day = Hours("00:00", "05:00");
        var now = new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero);

        var slots = SlotGrid.Calculate(Policy(), new ServiceFootprint(60, 0, 0), Plan(sunday, day, day), now);

        Assert.Equal(["00:00", "00:30", "01:00", "01:30", "03:00", "03:30", "04:00"], Times(slots));
        // 01:30 + 60 real minutes ends at 03:30 wall clock, inside the window; each slot lasts exactly 60 real minutes.
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromHours(1), s.EndUtc - s.StartUtc));
        Assert.Equal(new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc), slots.Single(s => s.Time == new TimeOnly(3, 0)).StartUtc);
    }

    [Fact]
    public void Calculate_OnFallBackDay_OffersEachWallClockTimeOnceAndTheWindowHasItsExtraHour()
    {
        var sunday = new DateOnly(2026, 10, 25); // Berlin: 03:00 → 02:00
        var day = Hours("00:00", "04:00");
        var now = new DateTimeOffset(2026, 10, 23, 12, 0, 0, TimeSpan.Zero);

        var slots = SlotGrid.Calculate(Policy(), new ServiceFootprint(60, 0, 0), Plan(sunday, day, day), now);

        var times = Times(slots);
        Assert.Equal(times.Distinct().Count(), times.Length);
        // Ambiguous 02:00 means its first occurrence (00:00 UTC, still summer time).
        Assert.Equal(new DateTime(2026, 10, 25, 0, 0, 0, DateTimeKind.Utc), slots.Single(s => s.Time == new TimeOnly(2, 0)).StartUtc);
        // The window 00:00–04:00 local is five real hours: 03:00 (02:00 UTC) still fits a 60-minute service.
        Assert.Contains("03:00", times);
        Assert.Equal(new DateTime(2026, 10, 25, 2, 0, 0, DateTimeKind.Utc), slots.Single(s => s.Time == new TimeOnly(3, 0)).StartUtc);
    }

    [Fact]
    public void Calculate_OverA31DayRange_OffersWeekdaysOnlyAndKeepsLocalTimesAcrossTheDstChange()
    {
        var weekday = Hours("09:00", "17:00", ("12:00", "13:00"));
        var policy = Policy(horizonDays: 120);
        var now = new DateTimeOffset(2026, 10, 10, 12, 0, 0, TimeSpan.Zero);
        var from = new DateOnly(2026, 10, 12);

        var perDay = Enumerable.Range(0, 31).Select(i => from.AddDays(i)).Select(date =>
        {
            var open = date.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday;
            return (date, slots: SlotGrid.Calculate(policy, HalfHour, Plan(date, open ? weekday : null, weekday), now));
        }).ToList();

        Assert.Equal(23, perDay.Count(d => d.slots.Count > 0)); // 12 Oct – 11 Nov 2026 has 23 weekdays
        Assert.All(perDay.Where(d => d.slots.Count > 0), d => Assert.Equal(14, d.slots.Count));
        var before = perDay.Single(d => d.date == new DateOnly(2026, 10, 23)).slots[0];
        var after = perDay.Single(d => d.date == new DateOnly(2026, 10, 26)).slots[0];
        Assert.Equal(new TimeOnly(9, 0), before.Time);
        Assert.Equal(new TimeOnly(9, 0), after.Time);
        Assert.Equal(7, before.StartUtc.Hour); // CEST, UTC+2
        Assert.Equal(8, after.StartUtc.Hour);  // CET, UTC+1
    }

    [Fact]
    public void Calculate_OnAFinerGrid_OffersMoreStarts()
    {
        var day = Hours("09:00", "10:00");

        var slots = SlotGrid.Calculate(Policy(grid: 15), HalfHour, Plan(Wednesday, day, day), EarlierNow);

        Assert.Equal(["09:00", "09:15", "09:30"], Times(slots));
    }
    public static TheoryData<string> FindCases() => ["plain", "lunch-and-buffers", "notice-cuts-the-morning", "spring-forward", "fall-back", "closed", "fine-grid"];

    /// <summary>
    /// <see cref="SlotGrid.Find"/> answers for one start what <see cref="SlotGrid.Calculate"/> lists for it, for every
    /// minute of the day (off-grid minutes and seconds included), on plain, DST, closed, noticed and booked days.
    /// </summary>
    [Theory]
    [MemberData(nameof(FindCases))]
    public void Find_AnswersForEveryMinuteWhatCalculateListsForIt(string name)
    {
        var (policy, service, plan, now) = name switch
        {
            "plain" => (Policy(), HalfHour, Plan(Wednesday, Hours("09:00", "17:00"), Hours("09:00", "17:00")), EarlierNow),
            "lunch-and-buffers" => (Policy(grid: 15), new ServiceFootprint(45, 10, 15), Plan(Wednesday, Hours("08:00", "18:00", ("12:00", "13:00")),
                Hours("09:00", "19:00"), busy: [new BusyInterval(new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc))]), EarlierNow),
            "notice-cuts-the-morning" => (Policy(noticeMinutes: 120), HalfHour, Plan(Wednesday, Hours("08:00", "16:00"), Hours("08:00", "16:00")),
                new DateTimeOffset(2026, 12, 2, 8, 10, 0, TimeSpan.Zero)),
            "spring-forward" => (Policy(), new ServiceFootprint(60, 0, 0), Plan(new DateOnly(2026, 3, 29), Hours("00:00", "05:00"), Hours("00:00", "05:00")),
                new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero)),
            "fall-back" => (Policy(), new ServiceFootprint(60, 0, 0), Plan(new DateOnly(2026, 10, 25), Hours("00:00", "04:00"), Hours("00:00", "04:00")),
                new DateTimeOffset(2026, 10, 23, 12, 0, 0, TimeSpan.Zero)),
            "closed" => (Policy(), HalfHour, Plan(Wednesday, Hours("09:00", "17:00"), Hours("09:00", "17:00"), closed: true), EarlierNow),
            _ => (Policy(grid: 10), new ServiceFootprint(20, 0, 0), Plan(Wednesday, Hours("09:00", "11:00"), Hours("09:30", "12:00")), EarlierNow),
        };
        var listed = SlotGrid.Calculate(policy, service, plan, now).ToDictionary(s => s.Time);

        for (var minute = 0; minute < 24 * 60; minute++)
        {
            var time = new TimeOnly(minute / 60, minute % 60);
            Assert.Equal(listed.GetValueOrDefault(time), SlotGrid.Find(policy, service, plan, now, time));
            Assert.Null(SlotGrid.Find(policy, service, plan, now, time.Add(TimeSpan.FromSeconds(30))));
        }
        Assert.Equal(name == "closed", listed.Count == 0);
    }
}
