using System.Net;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Hostile;

/// <summary>
/// Decision 139: the endpoints are bound by the Request Delegate Generator, which answers a required value that does
/// not parse by throwing (the exception handler names the field) but an optional one (<c>int?</c>) with a bare 400;
/// both must reach the client as the same problem naming the field. The hostile-input sweep covers every endpoint;
/// these pin one of each kind.
/// </summary>
public sealed class UnparsableQueryTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("/api/v1/employees?serviceId=abc", "serviceId")] // optional int?: the generator's bare 400
    [InlineData("/api/v1/employees?serviceId=2147483648", "serviceId")]
    [InlineData("/api/v1/availability?date=2026-12-01&employeeId=abc&serviceId=1", "employeeId")] // required int: thrown
    public async Task AnUnparsableQueryValue_Answers400ProblemNamingIt(string url, string field)
    {
        var response = await _client.GetAsync(url);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal("https://appointease.dev/problems/bad-request", problem.GetProperty("type").GetString());
        Assert.Equal($"The value given for '{field}' is missing or not valid.", problem.GetProperty("detail").GetString());
    }
}
