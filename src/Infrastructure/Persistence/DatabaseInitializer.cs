using AppointEase.Infrastructure.Options;
using AppointEase.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AppointEase.Infrastructure.Persistence;

public static class DatabaseInitializer
{
    /// <summary>Migrates (when configured) and seeds; called once from Program before the host starts serving.</summary>
    public static async Task InitialiseDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Schema changes and seeding may take longer than a request's short command timeout (decision 075).
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        if (options.MigrateOnStartup)
            await db.Database.MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(cancellationToken);
    }
}
