using Mediator;

namespace AppointEase.Architecture.Tests;

/// <summary>
/// A handler that needs more than a handful of collaborators does more than one thing (issue 21): past
/// <see cref="MaxDependencies"/> it is split by responsibility into helpers that each own one part of the use case.
/// </summary>
public sealed class HandlerDependencyTests
{
    public const int MaxDependencies = 6;

    private static readonly Type[] HandlerInterfaces =
    [
        typeof(ICommandHandler<,>), typeof(ICommandHandler<>), typeof(IQueryHandler<,>), typeof(IRequestHandler<,>),
        typeof(IRequestHandler<>), typeof(INotificationHandler<>), typeof(IStreamCommandHandler<,>),
        typeof(IStreamQueryHandler<,>), typeof(IStreamRequestHandler<,>),
    ];

    private static List<Type> Handlers() =>
        Layers.Application.GetTypes().Where(t => !t.IsAbstract && t.GetInterfaces()
            .Any(i => i.IsGenericType && HandlerInterfaces.Contains(i.GetGenericTypeDefinition()))).ToList();

    [Fact]
    public void Handlers_AreFound() => Assert.True(Handlers().Count > 30, $"only {Handlers().Count} handlers found: the rule would check nothing");

    [Fact]
    public void Handlers_HaveAtMostSixConstructorDependencies()
    {
        var offenders = Handlers()
            .SelectMany(h => h.GetConstructors().Select(c => (Handler: h, Count: c.GetParameters().Length)))
            .Where(x => x.Count > MaxDependencies)
            .Select(x => $"{x.Handler.Name} takes {x.Count}")
            .ToList();

        Assert.True(offenders.Count == 0, $"Handlers with more than {MaxDependencies} constructor dependencies: {string.Join(", ", offenders)}");
    }
}
