using AppointEase.Application.Admin.Common;
using AppointEase.Application.Common.Results;

namespace AppointEase.Application.UnitTests.Admin;

public sealed class PreconditionTests
{
    [Fact]
    public void Check_WithoutIfMatch_RequiresIt() =>
        Assert.Equal(ErrorKind.PreconditionRequired, Precondition.Check(null, 3)?.Kind);

    [Theory]
    [InlineData(2)]
    [InlineData(Precondition.Unparsable)]
    public void Check_WithAnotherVersion_FailsAsStale(int ifMatch) =>
        Assert.Equal(ErrorKind.PreconditionFailed, Precondition.Check(ifMatch, 3)?.Kind);

    [Fact]
    public void Check_WithTheCurrentVersion_Passes() => Assert.Null(Precondition.Check(3, 3));
}
