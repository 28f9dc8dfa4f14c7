using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using FluentValidation;

namespace AppointEase.Application.UnitTests.Common;

/// <summary>
/// Issue 16: every validator must answer any shape a JSON body can bind to — every field null or default, nested objects
/// with null fields, lists holding null — with validation errors, never an exception (a NullReferenceException in a
/// validator is a 500). Found by reflection, so a new validator is covered without touching this file.
/// </summary>
public sealed class ValidatorNullSafetyTests
{
    public static TheoryData<Type> Validators()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(AppointEase.Application.DependencyInjection).Assembly.GetTypes()
                     .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator).IsAssignableFrom(t)
                                 && t.GetConstructor(Type.EmptyTypes) is not null && ModelType(t) is not null)
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
            data.Add(type);
        return data;
    }

    [Theory]
    [MemberData(nameof(Validators))]
    public void Validator_GivenNullAndDefaultFieldsAtEveryDepth_ReportsErrorsInsteadOfThrowing(Type validatorType)
    {
        var validator = (IValidator)Activator.CreateInstance(validatorType)!;
        var model = ModelType(validatorType)!;
        foreach (var depth in new[] { 0, 1, 2, 3 })
        {
            var instance = Build(model, depth);
            var exception = Record.Exception(() => validator.Validate(new ValidationContext<object>(instance)));
            Assert.True(exception is null, $"{validatorType.Name} threw on a {model.Name} filled to depth {depth}: {exception}");
        }
    }

    /// <summary>
    /// ValidationBehavior runs validators synchronously (decision 143); FluentValidation throws at run time when a
    /// synchronous run reaches an asynchronous rule or condition, so none may have one.
    /// </summary>
    [Theory]
    [MemberData(nameof(Validators))]
    public void Validator_HasNoAsynchronousRuleOrCondition(Type validatorType)
    {
        var validator = (IValidator)Activator.CreateInstance(validatorType)!;
        foreach (var rule in validator.CreateDescriptor().Rules)
        foreach (var component in rule.Components)
        {
            Assert.False(component.HasAsyncCondition, $"{validatorType.Name}: a rule on {rule.PropertyName} has an asynchronous condition");
            var interfaces = component.Validator.GetType().GetInterfaces().Where(i => i.IsGenericType).Select(i => i.GetGenericTypeDefinition()).ToList();
            Assert.True(interfaces.Contains(typeof(FluentValidation.Validators.IPropertyValidator<,>)),
                $"{validatorType.Name}: {component.Validator.Name} on {rule.PropertyName} validates asynchronously only");
        }
    }

    [Fact]
    public void TheApplicationHasValidatorsToCheck() => Assert.True(Validators().Count >= 10);

    private static Type? ModelType(Type validator)
    {
        for (var t = validator; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(AbstractValidator<>)) return t.GetGenericArguments()[0];
        return null;
    }

    /// <summary>
    /// An instance whose fields are all null/default (depth 0); at depth n, object-typed properties hold instances built at
    /// depth n-1 and lists hold a null and such an instance. Strings stay null: that is the case validators miss.
    /// </summary>
    private static object Build(Type type, int depth)
    {
        var instance = RuntimeHelpers.GetUninitializedObject(type);
        if (depth == 0) return instance;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var propertyType = property.PropertyType;
            if (ListItemType(propertyType) is { } item)
            {
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
                if (!item.IsValueType) list.Add(null);
                if (IsModel(item)) list.Add(Build(item, depth - 1));
                property.SetValue(instance, list);
            }
            else if (IsModel(propertyType))
                property.SetValue(instance, Build(propertyType, depth - 1));
        }
        return instance;
    }

    private static bool IsModel(Type type) => type is { IsClass: true, IsAbstract: false } && type != typeof(string)
                                             && type.Namespace?.StartsWith("AppointEase", StringComparison.Ordinal) == true;

    private static Type? ListItemType(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var item] && typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(string)
            ? item
            : null;
}
