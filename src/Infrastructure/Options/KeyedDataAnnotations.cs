using System.Collections;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AppointEase.Infrastructure.Options;

/// <summary>
/// Data-annotation validation whose messages name the configuration key an operator sets (<c>Auth:OtpSecret</c>,
/// <c>Email:Smtp:Port</c>), not the options class and member the framework's <c>ValidateDataAnnotations</c> names.
/// Nested option objects and list items are validated too, under their own keys (<c>Admin:ApiKeys:0:Id</c>).
/// </summary>
public static class KeyedDataAnnotations
{
    public static OptionsBuilder<T> ValidateDataAnnotationsByKey<T>(this OptionsBuilder<T> builder, string section) where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>>(new Validator<T>(builder.Name, section));
        return builder;
    }

    /// <summary>Every failure of <paramref name="instance"/> and the objects it holds, each prefixed with its key.</summary>
    public static List<string> Failures(object instance, string section)
    {
        var failures = new List<string>();
        Collect(instance, section, failures, depth: 0);
        return failures;
    }

    private static void Collect(object instance, string key, List<string> failures, int depth)
    {
        var results = new List<ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.ToList();
            // IValidatableObject messages already name their keys; member-bound ones get the member's key in front.
            failures.Add(members.Count == 0
                ? result.ErrorMessage ?? $"{key} is invalid."
                : $"{string.Join(", ", members.Select(m => $"{key}:{m}"))}: {result.ErrorMessage}");
        }
        if (depth >= 4) return;
        foreach (var property in instance.GetType().GetProperties())
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanRead) continue;
            var type = property.PropertyType;
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type.IsValueType) continue;
            var value = property.GetValue(instance);
            if (value is null) continue;
            if (value is IEnumerable items)
            {
                var i = 0;
                foreach (var item in items)
                {
                    if (item is not null && item.GetType().IsClass && item is not string)
                        Collect(item, $"{key}:{property.Name}:{i}", failures, depth + 1);
                    i++;
                }
            }
            else if (type.IsClass && type.Namespace?.StartsWith("AppointEase", StringComparison.Ordinal) == true)
            {
                Collect(value, $"{key}:{property.Name}", failures, depth + 1);
            }
        }
    }

    private sealed class Validator<T>(string? name, string section) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? optionsName, T options)
        {
            if (name is not null && name != optionsName) return ValidateOptionsResult.Skip;
            var failures = Failures(options, section);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
