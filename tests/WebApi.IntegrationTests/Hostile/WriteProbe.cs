using System.Text;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using MySqlConnector;
using StackExchange.Redis;

namespace AppointEase.WebApi.IntegrationTests.Hostile;

/// <summary>
/// A fingerprint of everything a request could write: a CHECKSUM of every table of the app's MariaDB schema (catches updates,
/// not only inserts) and the content of the slot-state keys under the app's Redis prefix. Counters that a refused request
/// legitimately bumps (rate limits) and caches are left out.
/// </summary>
public sealed class WriteProbe(AppFactory app, IConnectionMultiplexer redis) : IAsyncDisposable
{
    /// <summary>Rate-limit counters count refused requests too; they are how abuse is throttled, not data.</summary>
    private static readonly string[] IgnoredTables = ["rate_limit_counters"];
    private static readonly string[] IgnoredKeyParts = ["_avail_", "_rl_", "_health"];

    private MySqlConnection? _connection;
    private string? _checksumSql;

    public async Task<string> FingerprintAsync()
    {
        if (_connection is null)
        {
            _connection = new MySqlConnection(new MySqlConnectionStringBuilder(TestServers.MySql) { Database = app.DatabaseName }.ConnectionString);
            await _connection.OpenAsync();
            // One statement: per table, the row count and an XOR of every row's CRC32 (catches updates too). CHECKSUM TABLE
            // does the same but opens each table separately, several times slower per request.
            var columns = new List<(string Table, string Column)>();
            await using (var list = new MySqlCommand(
                             "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position", _connection))
            await using (var reader = await list.ExecuteReaderAsync())
                while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
            _checksumSql = string.Join(" UNION ALL ", columns.Where(c => !IgnoredTables.Contains(c.Table)).GroupBy(c => c.Table).Select(table =>
                $"SELECT '{table.Key}', CONCAT(COUNT(*), ':', COALESCE(BIT_XOR(CRC32(CONCAT_WS('|', {string.Join(", ", table.Select(c => $"COALESCE(HEX(`{c.Column}`), '~')"))}))), 0)) FROM `{table.Key}`"));
        }
        var text = new StringBuilder();
        await using (var checksum = new MySqlCommand(_checksumSql, _connection))
        await using (var reader = await checksum.ExecuteReaderAsync())
            while (await reader.ReadAsync()) text.Append(reader.GetString(0)).Append('=').Append(reader.GetValue(1)).Append('\n');

        var server = redis.GetServers()[0];
        var db = redis.GetDatabase();
        foreach (var key in server.Keys(pattern: app.Name + "_*").Select(k => (string)k!).Order(StringComparer.Ordinal))
        {
            if (IgnoredKeyParts.Any(part => key.Contains(part, StringComparison.Ordinal))) continue;
            text.Append(key).Append(" = ");
            var type = await db.KeyTypeAsync(key);
            if (type == RedisType.String) text.Append(await db.StringGetAsync(key));
            else if (type == RedisType.Hash)
                text.AppendJoin(',', (await db.HashGetAllAsync(key)).Select(e => $"{e.Name}:{e.Value}").Order(StringComparer.Ordinal));
            text.Append('\n');
        }
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
