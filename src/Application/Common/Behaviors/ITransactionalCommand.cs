namespace AppointEase.Application.Common.Behaviors;

/// <summary>
/// Marks a command that writes SQL: <see cref="TransactionBehavior{TMessage,TResponse}"/> runs its handler in one
/// transaction with the retry policy. A refusal (a failed <c>Result</c>) rolls back, so a refused command writes nothing;
/// commands that must keep what they wrote on a refusal implement <see cref="ICommitsRefusals"/>.
/// </summary>
public interface ITransactionalCommand;

/// <summary>A transactional command whose refusals still commit (a wrong sign-in code must count as an attempt).</summary>
public interface ICommitsRefusals : ITransactionalCommand;

/// <summary>
/// A transactional command that decides itself whether its answer commits: a success can still have nothing to keep
/// (a booking replayed from its Idempotency-Key after this request's own attempt was refused, decision 127).
/// </summary>
public interface IDecidesCommit<in TResponse> : ITransactionalCommand
{
    bool ShouldCommit(TResponse response);
}
