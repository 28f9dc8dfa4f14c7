using System.Reflection;
using AppointEase.Application.UnitTests.Common.Harness;
using FluentValidation;
using Mediator;

namespace AppointEase.Application.UnitTests.Common;

/// <summary>
/// Every mediator handler and every validator of the Application assembly has a test class that names it with
/// <see cref="TestsForAttribute"/> and holds at least one test (issue 21, acceptance 4). Private child validators are
/// tested through their public parent.
/// </summary>
public sealed class CoverageTests
{
    private static readonly Type[] HandlerInterfaces =
        [typeof(ICommandHandler<,>), typeof(IQueryHandler<,>), typeof(IRequestHandler<,>), typeof(INotificationHandler<>)];

    private static readonly Assembly Application = typeof(DependencyInjection).Assembly;

    public static IEnumerable<Type> HandlersAndValidators() =>
        Application.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false, IsVisible: true } && (IsHandler(t) || IsValidator(t)));

    private static bool IsHandler(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && HandlerInterfaces.Contains(i.GetGenericTypeDefinition()));

    private static bool IsValidator(Type type) => typeof(IValidator).IsAssignableFrom(type);

    private static HashSet<Type> Covered() =>
        typeof(CoverageTests).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.IsDefined(typeof(FactAttribute), inherit: true)))
            .SelectMany(t => t.GetCustomAttributes<TestsForAttribute>().SelectMany(a => a.Types))
            .ToHashSet();

    [Fact]
    public void TheAssemblyHasHandlersAndValidators()
    {
        Assert.True(HandlersAndValidators().Count(IsHandler) > 30);
        Assert.True(HandlersAndValidators().Count(IsValidator) > 20);
    }

    [Fact]
    public void EveryHandlerAndValidator_HasATestClass()
    {
        var covered = Covered();
        var missing = HandlersAndValidators().Where(t => !covered.Contains(t)).Select(t => t.Name).Order().ToList();

        Assert.True(missing.Count == 0, "No test class says [TestsFor(typeof(...))] for: " + string.Join(", ", missing));
    }
}
