using MySqlConnector;

namespace AppointEase.Bench.LoadTool;

/// <summary>MariaDB's global statement and commit counters, read before and after a phase (the bench server serves only the app).</summary>
internal sealed class ServerCounters(string connectionString)
{
    public async Task<(long Questions, long Commits)> ReadAsync()
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        if (builder.Server is not ("127.0.0.1" or "localhost" or "::1"))
            throw new ArgumentException($"--connection must point at this machine, not {builder.Server}");
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        long questions = 0, commits = 0;
        await using var reader = await new MySqlCommand("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_commit')", connection).ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var value = long.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture);
            if (reader.GetString(0) == "Questions") questions = value; else commits = value;
        }
        return (questions, commits);
    }
}
