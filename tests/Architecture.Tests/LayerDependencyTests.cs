using NetArchTest.Rules;

namespace AppointEase.Architecture.Tests;

public sealed class LayerDependencyTests
{
    private static void AssertNoDependency(System.Reflection.Assembly assembly, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.True(result.IsSuccessful,
            $"{assembly.GetName().Name} must not depend on {string.Join(", ", forbidden)}; offenders: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Domain_DependsOnNothingOfOursNorOnFrameworks() =>
        AssertNoDependency(Layers.Domain,
            Layers.ApplicationNs, Layers.InfrastructureNs, Layers.WebApiNs,
            "Microsoft.EntityFrameworkCore", "StackExchange.Redis", "Hangfire", "Microsoft.AspNetCore",
            "Mediator", "FluentValidation", "MailKit", "MimeKit", "Microsoft.Extensions");

    [Fact]
    public void Domain_ReferencesOnlyTheBaseClassLibrary()
    {
        var references = Layers.Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard",
            $"Domain references {name}; it must reference no package or project."));
    }

    [Fact]
    public void Application_DependsOnNoInfrastructureWebOrProviderTypes() =>
        AssertNoDependency(Layers.Application,
            Layers.InfrastructureNs, Layers.WebApiNs,
            "Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.Data.Sqlite", "Pomelo", "MySqlConnector",
            "StackExchange.Redis", "Hangfire", "Microsoft.AspNetCore", "MailKit", "MimeKit");

    [Fact]
    public void Application_ReferencesNoProviderAssembly()
    {
        var references = Layers.Application.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        string[] forbidden = ["AppointEase.Infrastructure", "AppointEase.WebApi", "Microsoft.EntityFrameworkCore.Sqlite",
            "Microsoft.EntityFrameworkCore.Relational", "Pomelo.EntityFrameworkCore.MySql", "StackExchange.Redis", "Hangfire.Core", "MailKit"];

        Assert.Empty(references.Intersect(forbidden));
    }

    [Fact]
    public void Infrastructure_DoesNotDependOnWebApi() =>
        AssertNoDependency(Layers.Infrastructure, Layers.WebApiNs);

    [Fact]
    public void Domain_DoesNotDependOnApplicationOrInfrastructureThroughAnyType() =>
        Assert.True(Types.InAssembly(Layers.Domain).Should().NotHaveDependencyOn(Layers.InfrastructureNs).GetResult().IsSuccessful);

    /// <summary>Telemetry in Application is BCL only (ActivitySource, Meter); OpenTelemetry is wired in WebApi (decision 092).</summary>
    [Fact]
    public void ApplicationAndInfrastructure_ReferenceNoOpenTelemetryPackage()
    {
        AssertNoDependency(Layers.Application, "OpenTelemetry");
        AssertNoDependency(Layers.Infrastructure, "OpenTelemetry");
        Assert.DoesNotContain(Layers.Application.GetReferencedAssemblies(), a => a.Name!.StartsWith("OpenTelemetry", StringComparison.Ordinal));
    }
}
