using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MySqlConnector;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// MySqlConnector sends BEGIN as raw packets and waits for the reply without the command timeout (2.6.2:
/// <c>MySqlConnection.BeginTransactionAsync</c> reads with no deadline), so a unit of work that begins just as MariaDB
/// freezes (SIGSTOP, a paused VM, a stuck disk: TCP still accepts, nothing answers) waits for as long as the freeze lasts
/// instead of failing within a second (seen in DatabaseOutageTests: four confirms took 4 s and then succeeded). A timed
/// no-op on the same connection first makes a frozen server fail the unit within <c>Database:CommandTimeoutSeconds</c>;
/// the freeze would have to start in the microseconds between the two round trips to be missed. Costs one round trip
/// per transaction. See docs/decisions/075-dead-connections-and-short-sql-timeouts.md.
/// </summary>
internal sealed class FrozenServerProbeInterceptor(int commandTimeoutSeconds) : DbTransactionInterceptor
{
    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        if (connection is MySqlConnection mysql)
        {
            using var probe = Probe(mysql);
            try { probe.ExecuteNonQuery(); }
            catch (Exception ex) { DeadConnectionPoolReset.OnFailure(mysql, ex); throw; }
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (connection is MySqlConnection mysql)
        {
            await using var probe = Probe(mysql);
            try { await probe.ExecuteNonQueryAsync(cancellationToken); }
            catch (Exception ex) { DeadConnectionPoolReset.OnFailureInBackground(mysql, ex); throw; }
        }
        return result;
    }

    private MySqlCommand Probe(MySqlConnection connection) => new("DO 0", connection) { CommandTimeout = commandTimeoutSeconds };
}
