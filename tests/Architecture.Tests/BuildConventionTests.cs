using System.Xml.Linq;

namespace AppointEase.Architecture.Tests;

/// <summary>
/// bench/run.sh builds bench/AppointEase.Bench.slnx in Release. A solution build gives each referenced project that is
/// not listed in the solution its own default configuration, so an unlisted Domain, Application or Infrastructure is
/// compiled in Debug and copied into the WebApi's Release output: every benchmark then measures unoptimised code of
/// ours (it did until decision 151). Every project reachable from a listed one must be listed.
/// </summary>
public sealed class BuildConventionTests
{
    [Fact]
    public void BenchSolution_ListsEveryProjectItsProjectsReference()
    {
        var root = RepositoryRoot();
        var solution = Path.Combine(root, "bench", "AppointEase.Bench.slnx");
        var listed = XDocument.Load(solution).Descendants("Project")
            .Select(p => Full(Path.GetDirectoryName(solution)!, p.Attribute("Path")!.Value)).ToHashSet();

        var missing = listed.SelectMany(Reachable).Distinct().Where(p => !listed.Contains(p))
            .Select(p => Path.GetRelativePath(root, p)).Order().ToList();

        Assert.NotEmpty(listed);
        Assert.True(missing.Count == 0, "bench/AppointEase.Bench.slnx does not list: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> Reachable(string project)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                var path = Full(Path.GetDirectoryName(current)!, reference.Attribute("Include")!.Value);
                if (seen.Add(path)) pending.Push(path);
            }
        return seen;
    }

    private static string Full(string directory, string relative) =>
        Path.GetFullPath(Path.Combine(directory, relative.Replace('\\', Path.DirectorySeparatorChar)));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AppointEase.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }
}
