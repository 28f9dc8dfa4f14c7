using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef migrations add` build each provider's context without a running server.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class MySqlDesignTimeFactory : IDesignTimeDbContextFactory<MySqlAppDbContext>
{
    public MySqlAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MySqlAppDbContext>()
            .UseMySql("Server=localhost;Database=design", ServerVersion.Parse("10.11.0-mariadb")).Options);
}
