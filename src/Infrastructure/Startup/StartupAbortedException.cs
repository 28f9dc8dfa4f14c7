namespace AppointEase.Infrastructure.Startup;

/// <summary>
/// Start-up gave up for a reason an operator can act on (database never answered, schema never migrated). Program
/// prints the message and exits non-zero without a stack trace: the message is the whole story.
/// </summary>
public sealed class StartupAbortedException(string message, Exception? inner = null) : Exception(message, inner);
