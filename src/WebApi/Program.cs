using AppointEase.Application;
using AppointEase.Infrastructure;
using AppointEase.WebApi;
using AppointEase.WebApi.Infrastructure;

// JSON request bodies are read from the request Stream, as before ASP.NET Core 10, not from its PipeReader: System.Text.Json's
// PipeReader path compares a ReadOnlySequence with Equals(object), which falls back to reflection, on every body. A
// select's body: ~1,000 → ~500 ns and 656 → ~290 B (bench/Micro RequestBodyJsonBenchmarks). Set here rather than in the
// runtimeconfig so that the integration tests, which host this Program, read bodies the same way. Decision 155.
AppContext.SetSwitch("Microsoft.AspNetCore.UseStreamBasedJsonParsing", true);

// `dotnet AppointEase.WebApi.dll migrate` validates the configuration, migrates and seeds, then exits (decision 080).
var migrate = args is ["migrate", ..];
var builder = WebApplication.CreateBuilder(migrate ? args[1..] : args);

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddWebApi(builder.Configuration, builder.Environment);

return await StartupCommand.RunAsync(builder, migrate, app =>
{
    app.UseWebApi();
    app.MapWebApiEndpoints();
});

public partial class Program;
