using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Faults;
using AppointEase.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Infrastructure.Bookings;

internal sealed class PersistenceErrors(AppDbContext db) : IPersistenceErrors
{
    public DataFault Classify(Exception exception) => FaultClassifier.Sql(exception);

    public bool IsConcurrencyConflict(Exception exception) => exception is DbUpdateConcurrencyException;

    public bool TimedOut(Exception exception) => FaultClassifier.TimedOut(exception);

    public void DiscardTrackedChanges() => db.ChangeTracker.Clear();
}
