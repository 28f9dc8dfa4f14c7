using System.Linq.Expressions;

namespace AppointEase.Application.Common.Specifications;

/// <summary>
/// A query described once and evaluated by <see cref="SpecificationEvaluator"/>. Same shape as Ardalis.Specification
/// (<c>Query.Where(...).OrderBy(...)</c>) so that package can replace it when our registry serves it.
/// </summary>
public abstract class Specification<T> where T : class
{
    protected Specification() => Query = new SpecificationBuilder<T>(this);

    protected SpecificationBuilder<T> Query { get; }

    internal List<Expression<Func<T, bool>>> WhereExpressions { get; } = [];
    internal List<(LambdaExpression KeySelector, bool Descending)> OrderExpressions { get; } = [];
    internal List<LambdaExpression> IncludeExpressions { get; } = [];
    internal int? Skip { get; set; }
    internal int? Take { get; set; }
    internal bool AsTracking { get; set; }
}

public sealed class SpecificationBuilder<T>(Specification<T> specification) where T : class
{
    public SpecificationBuilder<T> Where(Expression<Func<T, bool>> predicate)
    {
        specification.WhereExpressions.Add(predicate);
        return this;
    }

    public SpecificationBuilder<T> OrderBy<TKey>(Expression<Func<T, TKey>> key)
    {
        specification.OrderExpressions.Add((key, false));
        return this;
    }

    public SpecificationBuilder<T> OrderByDescending<TKey>(Expression<Func<T, TKey>> key)
    {
        specification.OrderExpressions.Add((key, true));
        return this;
    }

    public SpecificationBuilder<T> Include<TProperty>(Expression<Func<T, TProperty>> navigation)
    {
        specification.IncludeExpressions.Add(navigation);
        return this;
    }

    public SpecificationBuilder<T> Skip(int count)
    {
        specification.Skip = count;
        return this;
    }

    public SpecificationBuilder<T> Take(int count)
    {
        specification.Take = count;
        return this;
    }

    public SpecificationBuilder<T> AsTracking()
    {
        specification.AsTracking = true;
        return this;
    }
}
