using System.Diagnostics;
using MySqlConnector;

namespace AppointEase.Bench.LoadTool;

/// <summary>
/// The confirm's floor (issue 20): what MariaDB on this machine does for a booking's SQL alone, with no HTTP, EF Core or
/// Redis. --clients (100) connections each run, at the same moment, the statements a confirm sends (decision 127): in
/// one transaction the day's bookings, the appointment (INSERT … RETURNING id), then one batch with its two claimed
/// cells (unique key, as the claims), the outbox row and the idempotency row; --rounds times. Scratch tables
/// <c>floor_*</c> of the same shape live beside the app's in the bench database and are emptied first.
/// </summary>
internal static class ConfirmFloorScenario
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS floor_appointments (id INT AUTO_INCREMENT PRIMARY KEY, reference VARCHAR(32) NOT NULL UNIQUE,
          employee_id INT NOT NULL, start_utc DATETIME(6) NOT NULL, end_utc DATETIME(6) NOT NULL, customer_name VARCHAR(200) NOT NULL,
          customer_email VARCHAR(254) NOT NULL, manage_token_hash VARCHAR(64) NOT NULL, created_utc DATETIME(6) NOT NULL,
          KEY ix_floor_employee_start (employee_id, start_utc));
        CREATE TABLE IF NOT EXISTS floor_claims (employee_id INT NOT NULL, cell_start_utc DATETIME(6) NOT NULL, appointment_id INT NOT NULL,
          PRIMARY KEY (employee_id, cell_start_utc));
        CREATE TABLE IF NOT EXISTS floor_outbox (id BIGINT AUTO_INCREMENT PRIMARY KEY, recipient VARCHAR(254) NOT NULL, subject VARCHAR(200) NOT NULL,
          text_body LONGTEXT NOT NULL, created_utc DATETIME(6) NOT NULL);
        CREATE TABLE IF NOT EXISTS floor_idempotency (id BIGINT AUTO_INCREMENT PRIMARY KEY, `key` VARCHAR(128) NOT NULL UNIQUE,
          request_hash CHAR(64) NOT NULL, response_body LONGTEXT NOT NULL, created_utc DATETIME(6) NOT NULL);
        TRUNCATE floor_appointments; TRUNCATE floor_claims; TRUNCATE floor_outbox; TRUNCATE floor_idempotency;
        """;

    /// <summary>About the size of a confirmation mail's text and the stored 201 body.</summary>
    private static readonly string MailText = new('m', 2_000);
    private static readonly string ResponseBody = new('r', 600);

    public static async Task<string[]> RunAsync(Options options)
    {
        var connection = new MySqlConnectionStringBuilder(options.String("connection"));
        if (connection.Server is not ("127.0.0.1" or "localhost" or "::1"))
            throw new ArgumentException($"--connection must point at this machine, not {connection.Server}");
        connection.AllowUserVariables = true;
        connection.MaximumPoolSize = (uint)Math.Max(100, options.Int("clients", 100));
        var connectionString = connection.ConnectionString;
        var clients = options.Int("clients", 100);
        var rounds = options.Int("rounds", 3);

        await using (var setup = new MySqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await new MySqlCommand(Schema, setup).ExecuteNonQueryAsync();
        }
        // Warm the pool the way the app's is warm: one booking per client, not timed.
        await Task.WhenAll(Enumerable.Range(0, clients).Select(i => BookAsync(connectionString, -1, i, null)));

        var confirms = new Recorder("confirm-floor");
        var seconds = 0.0;
        // With --db-pid, MariaDB's CPU over the timed rounds, to set beside the app's confirms' (ConfirmScenario).
        var dbCpu = options.Int("db-pid", 0) is > 0 and var dbPid ? new ProcessCpu(dbPid) : null;
        var dbCpuMs = 0.0;
        for (var round = 0; round < rounds; round++)
        {
            var dbCpuBefore = dbCpu?.ReadMilliseconds() ?? 0;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(i => BookAsync(connectionString, round, i, confirms)));
            seconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            dbCpuMs += (dbCpu?.ReadMilliseconds() ?? 0) - dbCpuBefore;
        }
        double? dbCpuPerConfirm = dbCpu is null || confirms.Count == 0 ? null : Math.Round(dbCpuMs / confirms.Count, 2);
        return [confirms.ToJson(seconds, clients, new { rounds, commands_per_confirm = 3, transactions_per_confirm = 1, db_cpu_ms_per_confirm = dbCpuPerConfirm })];
    }

    private static async Task BookAsync(string connectionString, int round, int client, Recorder? recorder)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Every client its own employee-hour, as the confirm scenario's clients each have their own slot.
            var start = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(round + 1).AddHours(client % 24);
            var employee = client / 24 + 1;
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();

            var day = new MySqlCommand(
                "SELECT start_utc, end_utc FROM floor_appointments WHERE employee_id = @e AND start_utc < @to AND end_utc > @from",
                connection, transaction);
            day.Parameters.AddWithValue("@e", employee);
            day.Parameters.AddWithValue("@from", start.Date.AddDays(-2));
            day.Parameters.AddWithValue("@to", start.Date.AddDays(3));
            await using (var reader = await day.ExecuteReaderAsync())
                while (await reader.ReadAsync()) { }

            var appointment = new MySqlCommand(
                "INSERT INTO floor_appointments (reference, employee_id, start_utc, end_utc, customer_name, customer_email, manage_token_hash, created_utc) " +
                "VALUES (@ref, @e, @start, @end, 'Ada Lovelace', 'ada@example.com', @hash, UTC_TIMESTAMP(6)) RETURNING id", connection, transaction);
            appointment.Parameters.AddWithValue("@ref", Guid.NewGuid().ToString("N")[..16]);
            appointment.Parameters.AddWithValue("@e", employee);
            appointment.Parameters.AddWithValue("@start", start);
            appointment.Parameters.AddWithValue("@end", start.AddMinutes(30));
            appointment.Parameters.AddWithValue("@hash", new string('h', 64));
            var id = Convert.ToInt32(await appointment.ExecuteScalarAsync());

            var rest = new MySqlCommand(
                "INSERT INTO floor_claims (employee_id, cell_start_utc, appointment_id) VALUES (@e, @c0, @id), (@e, @c1, @id);" +
                "INSERT INTO floor_outbox (recipient, subject, text_body, created_utc) VALUES ('ada@example.com', 'Your booking', @mail, UTC_TIMESTAMP(6));" +
                "INSERT INTO floor_idempotency (`key`, request_hash, response_body, created_utc) VALUES (@key, @hash, @body, UTC_TIMESTAMP(6));",
                connection, transaction);
            rest.Parameters.AddWithValue("@e", employee);
            rest.Parameters.AddWithValue("@c0", start);
            rest.Parameters.AddWithValue("@c1", start.AddMinutes(15));
            rest.Parameters.AddWithValue("@id", id);
            rest.Parameters.AddWithValue("@mail", MailText);
            rest.Parameters.AddWithValue("@key", Guid.NewGuid().ToString("N"));
            rest.Parameters.AddWithValue("@hash", new string('0', 64));
            rest.Parameters.AddWithValue("@body", ResponseBody);
            await rest.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            recorder?.Ok(Recorder.Since(started));
        }
        catch (MySqlException ex) when (recorder is not null)
        {
            recorder.Error(Recorder.Since(started), $"{ex.ErrorCode}: {ex.Message}");
        }
    }
}
