using AppointEase.Application.Common.Persistence;
using Ardalis.Specification;

namespace AppointEase.Application.UnitTests.Common;

public sealed class SpecificationTests
{
    private sealed record Row(int Id, string Name, int Rank);

    private sealed class TopRanked : Specification<Row>
    {
        public TopRanked(int minRank, int take)
        {
            Query.Where(r => r.Rank >= minRank).OrderByDescending(r => r.Rank).ThenBy(r => r.Id).Take(take);
        }
    }

    [Fact]
    public void WithSpecification_AppliesFilterOrderingThenByAndPaging()
    {
        var rows = new[] { new Row(1, "a", 5), new Row(2, "b", 9), new Row(3, "c", 9), new Row(4, "d", 1), new Row(5, "e", 7) }.AsQueryable();

        var result = rows.WithSpecification(new TopRanked(minRank: 5, take: 3)).ToList();

        Assert.Equal([2, 3, 5], result.Select(r => r.Id));
    }
}
