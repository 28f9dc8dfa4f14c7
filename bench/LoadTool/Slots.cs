namespace AppointEase.Bench.LoadTool;

internal static class Slots
{
    /// <summary>Free slots from tomorrow over the whole horizon (three 31-day windows), far-future first last.</summary>
    public static async Task<List<Slot>> DiscoverAsync(Api api, int needed)
    {
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var slots = await api.FreeSlotsAsync(tomorrow, 88, employees: 3);
        if (slots.Count < needed)
            throw new InvalidOperationException($"only {slots.Count} free slots, the scenario needs {needed}");
        return slots;
    }

    public static string ClientId(string scenario, int index) => $"bench-{scenario}-{index:D5}";
}
