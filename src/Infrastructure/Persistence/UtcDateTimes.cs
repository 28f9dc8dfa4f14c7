using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// Every DateTime in the model is UTC. Providers drop DateTimeKind on the way back, which would make times drift
/// by the server's offset when converted; stamping Utc on read keeps them honest.
/// </summary>
internal static class UtcDateTimes
{
    private static readonly ValueConverter<DateTime, DateTime> Converter =
        new(v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private static readonly ValueConverter<DateTime?, DateTime?> NullableConverter =
        new(v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime()) : v,
            v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);

    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        foreach (var property in entity.GetProperties())
        {
            if (property.ClrType == typeof(DateTime)) property.SetValueConverter(Converter);
            else if (property.ClrType == typeof(DateTime?)) property.SetValueConverter(NullableConverter);
        }
    }
}
