using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace AppointEase.Bench.Micro;

/// <summary>
/// A select's request body bound the two ways ASP.NET Core 10 can read JSON: from the request's PipeReader (its default)
/// or from its Stream (the app's choice, <c>Microsoft.AspNetCore.UseStreamBasedJsonParsing</c>, decision 155). Each
/// benchmark includes making its in-memory reader, so compare each with its "reader only" line.
/// </summary>
[MemoryDiagnoser]
public class RequestBodyJsonBenchmarks
{
    private static readonly byte[] Body =
        Encoding.UTF8.GetBytes("""{"date":"2026-12-09","employeeId":2,"time":"10:30","clientId":"bench-client-0042"}""");

    [Benchmark(Description = "Select body from a PipeReader")]
    public async Task<SelectShape?> FromPipeReader()
    {
        var reader = PipeReader.Create(new MemoryStream(Body));
        var command = await JsonSerializer.DeserializeAsync<SelectShape>(reader, JsonSerializerOptions.Web);
        await reader.CompleteAsync();
        return command;
    }

    [Benchmark(Description = "PipeReader only")]
    public async Task PipeReaderOnly()
    {
        var reader = PipeReader.Create(new MemoryStream(Body));
        var read = await reader.ReadAsync();
        reader.AdvanceTo(read.Buffer.End);
        await reader.CompleteAsync();
    }

    [Benchmark(Description = "Select body from a Stream")]
    public ValueTask<SelectShape?> FromStream() => JsonSerializer.DeserializeAsync<SelectShape>(new MemoryStream(Body), JsonSerializerOptions.Web);

    [Benchmark(Description = "Stream only")]
    public Stream StreamOnly() => new MemoryStream(Body);
}

/// <summary>The wire shape of the select's body (SelectSlotCommand in Application/Slots).</summary>
public sealed record SelectShape(string? Date, int EmployeeId, string? Time, string? ClientId);
