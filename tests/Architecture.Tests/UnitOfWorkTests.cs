using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using Mediator;
using NetArchTest.Rules;

namespace AppointEase.Architecture.Tests;

/// <summary>
/// One unit of work and retry path (decision 073): TransactionBehavior opens the transaction and runs the retry
/// policy; a handler never opens its own, and every command handler that writes through the DbContext is marked so
/// the behaviour wraps it.
/// </summary>
public sealed class UnitOfWorkTests
{
    private static readonly string[] TransactionApis =
    [
        typeof(IUnitOfWork).FullName!,
        "Microsoft.EntityFrameworkCore.Storage",                      // IDbContextTransaction, execution strategies
        "Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade", // db.Database.BeginTransaction…
        "System.Data.Common.DbTransaction",
        "System.Data.IDbTransaction",
        "System.Transactions",
    ];

    [Fact]
    public void Handlers_NeverOpenTheirOwnTransaction()
    {
        var result = Types.InAssembly(Layers.Application)
            .That().HaveNameEndingWith("Handler")
            .ShouldNot().HaveDependencyOnAny(TransactionApis)
            .GetResult();

        Assert.True(result.IsSuccessful, "Handlers opening transactions: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void OnlyTheTransactionBehavior_UsesTheUnitOfWork()
    {
        var users = Types.InAssembly(Layers.Application)
            .That().HaveDependencyOn(typeof(IUnitOfWork).FullName!)
            .And().DoNotHaveName(typeof(IUnitOfWork).Name)
            .GetTypes().Select(t => t.Name.Split('`')[0]).Distinct().ToList();

        Assert.Equal(["TransactionBehavior"], users);
    }

    [Fact]
    public void CommandHandlersThatWriteThroughTheDbContext_HandleTransactionalCommands()
    {
        var offenders = Layers.Application.GetTypes()
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommandHandler<,>)))
            .Where(t => t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(IAppDbContext))))
            .Select(t => (Handler: t, Command: t.GetInterfaces().First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommandHandler<,>)).GetGenericArguments()[0]))
            .Where(x => !typeof(ITransactionalCommand).IsAssignableFrom(x.Command))
            .Select(x => $"{x.Handler.Name} handles {x.Command.Name}, which is not an ITransactionalCommand")
            .ToList();

        Assert.Empty(offenders);
    }
}
