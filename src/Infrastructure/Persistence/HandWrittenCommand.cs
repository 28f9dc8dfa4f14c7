using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// Hand-written SQL (one statement or a batch of several, read with NextResult) run as ONE DbCommand on the context's
/// connection, through EF Core's own command pipeline instead of a bare <c>GetDbConnection().CreateCommand()</c>, because:
/// <list type="bullet">
/// <item>each parameter takes the type mapping (and value converter) of the column it is compared with or written to, so
/// values reach the database exactly as EF writes them; SQLite stores dates and times as text and compares them as
/// text, so a differently formatted parameter would silently miss rows;</item>
/// <item>EF's interceptors, logging and connection handling see the command like any query (tests count commands
/// with a <c>DbCommandInterceptor</c>).</item>
/// </list>
/// Values are always parameters, never concatenated into the text. See docs/decisions/065-sql-heartbeat-one-command.md.
/// </summary>
internal sealed class HandWrittenCommand
{
    private readonly DbContext _db;
    private readonly IRelationalCommandBuilder _builder;
    private readonly Dictionary<string, object?> _values = [];

    public HandWrittenCommand(DbContext db, string sql)
    {
        _db = db;
        _builder = db.GetService<IRelationalCommandBuilderFactory>().Create().Append(sql);
    }

    /// <summary>Binds <c>@name</c> with the type mapping of <typeparamref name="TEntity"/>'s <paramref name="property"/>.</summary>
    public HandWrittenCommand Parameter<TEntity>(string name, string property, object? value)
    {
        var column = _db.Model.FindEntityType(typeof(TEntity))?.FindProperty(property)
                     ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{property} is not in the model.");
        _builder.AddParameter(name, "@" + name, column.GetRelationalTypeMapping(), nullable: false);
        _values[name] = value;
        return this;
    }

    /// <summary>Runs the command; disposing the reader closes the connection again if this call opened it.</summary>
    public async Task<RelationalDataReader> ExecuteReaderAsync(CancellationToken cancellationToken) =>
        await _builder.Build().ExecuteReaderAsync(
            new RelationalCommandParameterObject(_db.GetService<IRelationalConnection>(), _values, readerColumns: null, _db,
                _db.GetService<IRelationalCommandDiagnosticsLogger>()),
            cancellationToken);
}
