using AppointEase.Domain.Scheduling;
using BenchmarkDotNet.Attributes;

namespace AppointEase.Bench.Micro;

/// <summary>The demo schedule (Mon–Fri 09:00–17:00, lunch 12–13, 30-minute grid) with a few bookings per day.</summary>
public class SlotGridBenchmarks
{
    private readonly SchedulingPolicy _policy = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), 30, TimeSpan.FromMinutes(60), 90);
    private readonly ServiceFootprint _service = new(60, 0, 15);
    private DateTimeOffset _now;
    private DayPlan _oneDay = null!;
    private DayPlan[] _month = [];

    [GlobalSetup]
    public void Setup()
    {
        _now = new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
        var hours = new DaySchedule(new TimeOnly(9, 0), new TimeOnly(17, 0), [new TimeRange(new TimeOnly(12, 0), new TimeOnly(13, 0))]);
        _month = Enumerable.Range(1, 31).Select(d =>
        {
            var date = new DateOnly(2026, 11, 24).AddDays(d);
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var busy = new[] { 10, 14, 15 }
                .Select(h => _policy.ToUtc(date, new TimeOnly(h, 0))!.Value)
                .Select(start => new BusyInterval(start, start.AddMinutes(60)))
                .ToList();
            return new DayPlan(date, weekend ? null : hours, weekend ? null : hours, false, false, busy);
        }).ToArray();
        _oneDay = _month.First(p => p.BusinessDay is not null);
    }

    [Benchmark(Description = "SlotGrid.Calculate, one day")]
    public int OneDay() => SlotGrid.Calculate(_policy, _service, _oneDay, _now).Count;

    [Benchmark(Description = "SlotGrid.Calculate, 31 days")]
    public int ThirtyOneDays()
    {
        var count = 0;
        foreach (var plan in _month) count += SlotGrid.Calculate(_policy, _service, plan, _now).Count;
        return count;
    }
}
