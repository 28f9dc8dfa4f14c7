using System.Linq.Expressions;
using System.Reflection;
using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Common.Persistence;

/// <summary>
/// The EF Core step of evaluating an Ardalis <see cref="ISpecification{T}"/>. The package's own evaluators apply the
/// filters, ordering and paging; Ardalis.Specification.EntityFrameworkCore is not served, so the two EF-only parts
/// (no-tracking by default, <c>Include</c>) are done here.
/// </summary>
public static class SpecificationQueries
{
    private static readonly MethodInfo IncludeMethod = typeof(EntityFrameworkQueryableExtensions).GetMethods()
        .Single(m => m.Name == nameof(EntityFrameworkQueryableExtensions.Include) && m.GetParameters()[1].ParameterType != typeof(string));

    /// <summary>Reads are no-tracking unless the specification says <c>AsTracking()</c>.</summary>
    public static IQueryable<T> WithSpecification<T>(this IQueryable<T> source, ISpecification<T> specification) where T : class
    {
        var query = specification.AsTracking ? source : source.AsNoTracking();
        foreach (var include in specification.IncludeExpressions)
        {
            if (include.Type != IncludeTypeEnum.Include)
                throw new NotSupportedException("ThenInclude is not evaluated here; include the navigation path directly.");
            query = Include(query, include.LambdaExpression);
        }
        query = WhereEvaluator.Instance.GetQuery(query, specification);
        query = OrderEvaluator.Instance.GetQuery(query, specification);
        return PaginationEvaluator.Instance.GetQuery(query, specification);
    }

    private static IQueryable<T> Include<T>(IQueryable<T> query, LambdaExpression navigation) where T : class =>
        (IQueryable<T>)IncludeMethod.MakeGenericMethod(typeof(T), navigation.ReturnType).Invoke(null, [query, navigation])!;
}
