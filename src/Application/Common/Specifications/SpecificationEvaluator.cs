using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Common.Specifications;

/// <summary>Applies a <see cref="Specification{T}"/> to an EF query: filters, includes, ordering, paging, tracking.</summary>
public static class SpecificationEvaluator
{
    public static IQueryable<T> WithSpecification<T>(this IQueryable<T> source, Specification<T> specification) where T : class
    {
        var query = specification.AsTracking ? source : source.AsNoTracking();
        foreach (var include in specification.IncludeExpressions)
            query = ApplyInclude(query, include);
        foreach (var where in specification.WhereExpressions)
            query = query.Where(where);

        IOrderedQueryable<T>? ordered = null;
        foreach (var (key, descending) in specification.OrderExpressions)
            ordered = ApplyOrder(ordered ?? query, key, descending, first: ordered is null);
        query = ordered ?? query;

        if (specification.Skip is { } skip) query = query.Skip(skip);
        if (specification.Take is { } take) query = query.Take(take);
        return query;
    }

    private static IQueryable<T> ApplyInclude<T>(IQueryable<T> query, LambdaExpression include) where T : class =>
        (IQueryable<T>)typeof(EntityFrameworkQueryableExtensions).GetMethods()
            .First(m => m.Name == nameof(EntityFrameworkQueryableExtensions.Include) && m.GetParameters()[1].ParameterType.IsGenericType)
            .MakeGenericMethod(typeof(T), include.ReturnType)
            .Invoke(null, [query, include])!;

    private static IOrderedQueryable<T> ApplyOrder<T>(IQueryable<T> query, LambdaExpression key, bool descending, bool first)
    {
        var method = (first, descending) switch
        {
            (true, false) => nameof(Queryable.OrderBy),
            (true, true) => nameof(Queryable.OrderByDescending),
            (false, false) => nameof(Queryable.ThenBy),
            _ => nameof(Queryable.ThenByDescending),
        };
        var call = Expression.Call(typeof(Queryable), method, [typeof(T), key.ReturnType], query.Expression, Expression.Quote(key));
        return (IOrderedQueryable<T>)query.Provider.CreateQuery<T>(call);
    }
}
