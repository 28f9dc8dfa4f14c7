namespace AppointEase.Application.Common.Behaviors;

/// <summary>Marks a command whose handler must run inside one database transaction (see TransactionBehavior).</summary>
public interface ITransactionalCommand;
