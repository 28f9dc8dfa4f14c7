using AppointEase.Domain.Catalogue;

namespace AppointEase.Application.Admin.Services;

/// <summary>A service as admins see it, including inactive ones; <c>Version</c> is also sent as the ETag.</summary>
public sealed record AdminServiceDto(
    int Id, string Name, int DurationMinutes, decimal Price, int BufferBeforeMinutes, int BufferAfterMinutes, bool IsActive, int Version)
{
    public static AdminServiceDto From(Service s) =>
        new(s.Id, s.Name, s.DurationMinutes, s.Price, s.BufferBeforeMinutes, s.BufferAfterMinutes, s.IsActive, s.Version);
}
