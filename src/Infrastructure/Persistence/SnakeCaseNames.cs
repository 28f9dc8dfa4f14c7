using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>snake_case for tables, columns, keys and indexes, the same on every provider (EFCore.NamingConventions needs EF 10).</summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is not null && !entity.IsOwned()) entity.SetTableName(ToSnake(table));
            foreach (var property in entity.GetProperties())
            {
                var store = StoreObjectIdentifier.Create(entity, StoreObjectType.Table);
                if (store is null) continue;
                var column = property.GetColumnName(store.Value);
                if (column is not null) property.SetColumnName(ToSnake(column));
            }
            foreach (var key in entity.GetKeys())
                if (key.GetName() is { } name) key.SetName(ToSnake(name));
            foreach (var foreignKey in entity.GetForeignKeys())
                if (foreignKey.GetConstraintName() is { } name) foreignKey.SetConstraintName(ToSnake(name));
            foreach (var index in entity.GetIndexes())
                if (index.GetDatabaseName() is { } name) index.SetDatabaseName(ToSnake(name));
        }
    }

    public static string ToSnake(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var boundary = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                    || (char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1])));
                if (boundary && name[i - 1] != '_') builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else builder.Append(c);
        }
        return builder.ToString();
    }
}
