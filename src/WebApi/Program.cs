using AppointEase.Application;
using AppointEase.Infrastructure;
using AppointEase.Infrastructure.Persistence;
using AppointEase.WebApi;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddWebApi(builder.Configuration, builder.Environment);

var app = builder.Build();

await app.Services.InitialiseDatabaseAsync();

app.UseWebApi();
app.MapWebApiEndpoints();

await app.RunAsync();

public partial class Program;
