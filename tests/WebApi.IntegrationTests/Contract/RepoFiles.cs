namespace AppointEase.WebApi.IntegrationTests.Contract;

internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The committed OpenAPI snapshot the widget's and the C# client's types are generated from.</summary>
    public static string OpenApiSnapshot => Path.Combine(Root, "src", "WebApi", "ClientApp", "openapi.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AppointEase.sln"))) return dir.FullName;
        throw new InvalidOperationException("AppointEase.sln not found above " + AppContext.BaseDirectory);
    }
}
