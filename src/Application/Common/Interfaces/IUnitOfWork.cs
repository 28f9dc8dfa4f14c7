namespace AppointEase.Application.Common.Interfaces;

/// <summary>Runs work in one database transaction, retried as a whole where the provider's execution strategy asks.</summary>
public interface IUnitOfWork
{
    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);
}
