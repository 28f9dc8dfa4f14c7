using System.Reflection;

namespace AppointEase.Architecture.Tests;

internal static class Layers
{
    public static readonly Assembly Domain = typeof(AppointEase.Domain.Common.Entity).Assembly;
    public static readonly Assembly Application = typeof(AppointEase.Application.DependencyInjection).Assembly;
    public static readonly Assembly Infrastructure = typeof(AppointEase.Infrastructure.DependencyInjection).Assembly;
    public static readonly Assembly WebApi = typeof(AppointEase.WebApi.DependencyInjection).Assembly;

    public const string DomainNs = "AppointEase.Domain";
    public const string ApplicationNs = "AppointEase.Application";
    public const string InfrastructureNs = "AppointEase.Infrastructure";
    public const string WebApiNs = "AppointEase.WebApi";
}
