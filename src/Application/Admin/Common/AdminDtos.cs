namespace AppointEase.Application.Admin.Common;

/// <summary>A wall-clock range HH:mm–HH:mm in the business time zone (a break, or one day's hours).</summary>
public sealed record TimeRangeDto(string Start, string End);

/// <summary>A page of results and the opaque cursor of the next page (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
