namespace AppointEase.Application.UnitTests.Common.Harness;

/// <summary>
/// Names the handlers and validators a test class exercises; <c>CoverageTests</c> fails when a handler or validator of
/// the Application assembly is named by no test class. A <c>typeof</c>, not a string, so a rename cannot orphan it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class TestsForAttribute(params Type[] types) : Attribute
{
    public IReadOnlyList<Type> Types { get; } = types;
}
