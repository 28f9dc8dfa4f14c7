using AppointEase.Application;
using AppointEase.Infrastructure;
using AppointEase.WebApi;
using AppointEase.WebApi.Infrastructure;

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
