using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using AppointEase.Application.Common.Telemetry;
using AppointEase.WebApi.IntegrationTests.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Telemetry;

/// <summary>
/// docs/operations.md, deploy/prometheus/alerts.yml and the Grafana dashboard name only metrics the app emits, and
/// the catalogue lists every instrument of the AppointEase meter. Instruments are read from the app's own meters (a
/// listener scoped to its meter factory), turned into their Prometheus names by the exporter's rules, and the rules
/// are checked against a real scrape.
/// </summary>
public sealed partial class MetricCatalogueTests(AdminSqliteAppFactory app) : IClassFixture<AdminSqliteAppFactory>
{
    [Fact]
    public async Task OpsDocsAlertsAndDashboard_NameOnlyMetricsTheAppEmits()
    {
        var emitted = await EmittedPrometheusNamesAsync();
        foreach (var file in new[] { "docs/operations.md", "deploy/prometheus/alerts.yml", "deploy/grafana/appointease-dashboard.json" })
        {
            var named = MetricNames().Matches(await File.ReadAllTextAsync(RepoFile(file))).Select(m => m.Value).Distinct().ToList();
            Assert.True(named.Count > 0, $"{file} names no metric");
            var unknown = named.Where(n => !emitted.Contains(n)).ToList();
            Assert.True(unknown.Count == 0, $"{file} names metrics the app does not emit: {string.Join(", ", unknown)}");
        }
    }

    [Fact]
    public async Task OpsCatalogue_ListsEveryInstrumentOfTheAppointEaseMeter()
    {
        var catalogue = await File.ReadAllTextAsync(RepoFile("docs/operations.md"));
        var instruments = AppInstruments().Where(i => i.Meter.Name == AppointEaseTelemetry.Name).ToList();
        Assert.True(instruments.Count >= 20, $"only {instruments.Count} AppointEase instruments");
        var missing = instruments.Where(i => !catalogue.Contains($"`{i.Name}`", StringComparison.Ordinal)).Select(i => i.Name).ToList();
        Assert.True(missing.Count == 0, $"docs/operations.md does not list: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task PrometheusNameRules_MatchWhatTheScrapeEndpointWrites()
    {
        var emitted = await EmittedPrometheusNamesAsync();
        using var client = app.CreateAdminClient();
        await client.GetAsync("/api/v1/services");
        var scrape = await client.GetStringAsync("/metrics");

        var scraped = TypeLines().Matches(scrape).Select(m => m.Groups[1].Value).Where(n => n.StartsWith("appointease_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(scraped);
        Assert.All(scraped, name => Assert.Contains(name, emitted));
    }

    private Task<HashSet<string>> EmittedPrometheusNamesAsync()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instrument in AppInstruments())
        {
            var name = instrument.Name.Replace('.', '_') + UnitSuffix(instrument.Unit);
            var type = instrument.GetType().GetGenericTypeDefinition();
            if (type == typeof(Counter<>) || type == typeof(ObservableCounter<>))
                names.Add(name + "_total");
            else if (type == typeof(Histogram<>))
                names.UnionWith([name, name + "_bucket", name + "_sum", name + "_count"]);
            else
                names.Add(name);
        }
        return Task.FromResult(names);
    }

    /// <summary>Every instrument created through this app's meter factory: AppointEase, ASP.NET Core, Kestrel, runtime…</summary>
    private List<Instrument> AppInstruments()
    {
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        _ = app.Services.GetRequiredService<AppointEaseMetrics>();
        var found = new List<Instrument>();
        using var listener = new MeterListener { InstrumentPublished = (instrument, _) => { if (instrument.Meter.Scope == factory) found.Add(instrument); } };
        listener.Start();
        return found;
    }

    /// <summary>The Prometheus exporter's unit suffixes (annotations in braces add none).</summary>
    private static string UnitSuffix(string? unit) => unit switch
    {
        null or "" => "",
        "s" => "_seconds",
        "ms" => "_milliseconds",
        "By" => "_bytes",
        "1" => "_ratio",
        _ when unit.StartsWith('{') => "",
        _ => "_" + unit,
    };

    private static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AppointEase.sln"))) return Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\b(?:appointease|http_server|kestrel|dotnet|aspnetcore)_[a-z0-9_]+\b")]
    private static partial Regex MetricNames();

    [GeneratedRegex(@"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) ", RegexOptions.Multiline)]
    private static partial Regex TypeLines();
}
