using FluentValidation;
using Mediator;
using NetArchTest.Rules;

namespace AppointEase.Architecture.Tests;

public sealed class ConventionTests
{
    private static readonly Type[] HandlerInterfaces =
        [typeof(ICommandHandler<,>), typeof(IQueryHandler<,>), typeof(IRequestHandler<,>), typeof(INotificationHandler<>)];

    private static IEnumerable<Type> Handlers() =>
        Layers.Application.GetTypes().Where(t => !t.IsAbstract && t.GetInterfaces()
            .Any(i => i.IsGenericType && HandlerInterfaces.Contains(i.GetGenericTypeDefinition())));

    private static IEnumerable<Type> Validators() =>
        Layers.Application.GetTypes().Where(t => !t.IsAbstract && IsValidator(t));

    private static bool IsValidator(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(AbstractValidator<>)) return true;
        return false;
    }

    private static Type MessageOf(Type handler) =>
        handler.GetInterfaces().First(i => i.IsGenericType && HandlerInterfaces.Contains(i.GetGenericTypeDefinition())).GetGenericArguments()[0];

    [Fact]
    public void Handlers_Exist() => Assert.NotEmpty(Handlers());

    [Fact]
    public void Handlers_AreSealedAndNamedHandler()
    {
        var offenders = Handlers().Where(h => !h.IsSealed || !h.Name.EndsWith("Handler", StringComparison.Ordinal)).Select(h => h.FullName);

        Assert.Empty(offenders);
    }

    [Fact]
    public void Handlers_LiveInTheNamespaceOfTheMessageTheyHandle()
    {
        var offenders = Handlers().Where(h => h.Namespace != MessageOf(h).Namespace).Select(h => $"{h.FullName} handles {MessageOf(h).FullName}");

        Assert.Empty(offenders);
    }

    [Fact]
    public void Handlers_AreNamedAfterTheirMessage()
    {
        static string Stem(string name) =>
            name.EndsWith("Command", StringComparison.Ordinal) ? name[..^"Command".Length]
            : name.EndsWith("Query", StringComparison.Ordinal) ? name[..^"Query".Length]
            : name.EndsWith("Notification", StringComparison.Ordinal) ? name[..^"Notification".Length] : name;

        var offenders = Handlers()
            .Where(h => !h.Name.StartsWith(Stem(MessageOf(h).Name), StringComparison.Ordinal))
            .Select(h => $"{h.Name} handles {MessageOf(h).Name}");

        Assert.Empty(offenders);
    }

    [Fact]
    public void Messages_AreNamedCommandOrQuery()
    {
        var messages = Layers.Application.GetTypes().Where(t => !t.IsAbstract && !t.IsInterface)
            .Where(t => typeof(IBaseCommand).IsAssignableFrom(t) || typeof(IBaseQuery).IsAssignableFrom(t));
        var offenders = messages.Where(m =>
            typeof(IBaseCommand).IsAssignableFrom(m) && !m.Name.EndsWith("Command", StringComparison.Ordinal)
            || typeof(IBaseQuery).IsAssignableFrom(m) && !m.Name.EndsWith("Query", StringComparison.Ordinal)).Select(m => m.FullName);

        Assert.Empty(offenders);
    }

    [Fact]
    public void Validators_AreSealedNamedValidatorAndSitBesideTheirMessage()
    {
        var offenders = Validators().Where(v =>
        {
            var validated = v.BaseType!.GetGenericArguments()[0];
            return !v.IsSealed || !v.Name.EndsWith("Validator", StringComparison.Ordinal) || v.Namespace != validated.Namespace;
        }).Select(v => v.FullName);

        Assert.Empty(offenders);
    }

    [Fact]
    public void Endpoints_AreStaticClassesInTheEndpointsNamespace()
    {
        var result = Types.InAssembly(Layers.WebApi).That().ResideInNamespace($"{Layers.WebApiNs}.Endpoints")
            .And().ArePublic().Should().BeStatic().GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void DomainEntities_DoNotExposePublicSetters()
    {
        var offenders = Layers.Domain.GetTypes()
            .Where(t => t.IsClass && t.IsSubclassOf(typeof(AppointEase.Domain.Common.Entity)))
            .SelectMany(t => t.GetProperties().Where(p => p.SetMethod?.IsPublic == true).Select(p => $"{t.Name}.{p.Name}"));

        Assert.Empty(offenders);
    }
}
