using System.Diagnostics;
using System.Text.Json.Nodes;
using AppointEase.WebApi.IntegrationTests.Admin;
using AppointEase.WebApi.IntegrationTests.Identity;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace AppointEase.WebApi.IntegrationTests.Hostile;

/// <summary>
/// Issue 16, acceptance 2: hostile requests for every operation of the app's own OpenAPI document (read from the running
/// host, so a new endpoint is covered without touching this file), with a valid admin key on admin operations and, on half
/// of the others, a valid customer session. Every answer is judged by <see cref="HostileOracle"/>; every write operation is
/// checked to have written nothing (<see cref="WriteProbe"/>). A failure prints FsCheck's seed (pass it as Replay to rerun)
/// and the request.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<HostileInputTests.Fixture>
{
    public const int GeneratedRequests = 2000;

    [Property(MaxTest = GeneratedRequests, QuietOnSuccess = true)]
    public Property EveryEndpoint_GivenHostileInput_Answers4xxProblemNamingTheField_AndWritesNothing() =>
        Prop.ForAll(Arb.From(fixture.Requests), (HostileRequest request) => fixture.SendAndJudge(request));

    [Fact]
    public void EveryEndpoint_GivenEachListedHostileCase_Answers4xxProblemNamingTheField_AndWritesNothing()
    {
        var failures = new List<string>();
        var cases = HostileGenerator.ListedCases(fixture.Operations).ToList();
        var watch = Stopwatch.StartNew();
        foreach (var request in cases)
        {
            try { fixture.SendAndJudge(request); }
            catch (Xunit.Sdk.XunitException failure) { failures.Add(failure.Message); }
        }
        output.WriteLine($"{cases.Count} listed cases over {fixture.Operations.Count} operations in {watch.Elapsed.TotalSeconds:F1} s; probe {fixture.ProbeTime.TotalSeconds:F1} s");
        Assert.True(cases.Count >= fixture.Operations.Count, $"only {cases.Count} listed cases for {fixture.Operations.Count} operations");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} listed cases failed:\n\n" + string.Join("\n\n", failures.Take(20)));
    }

    /// <summary>
    /// The bodies above went through the reader production uses: Program reads JSON bodies from the request Stream
    /// (decision 155), and the switch must be set in the process that hosts it, which here is this test run.
    /// </summary>
    [Fact]
    public void TheHost_ReadsJsonBodiesFromTheRequestStream_AsInProduction()
    {
        Assert.NotEmpty(fixture.Operations);
        Assert.True(AppContext.TryGetSwitch("Microsoft.AspNetCore.UseStreamBasedJsonParsing", out var fromStream) && fromStream);
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private readonly AppFactory _app = new AppFactory(DatabaseKind.MariaDb, useRedis: true).WithAdminKeys().WithSmtpSink();
        private HttpClient _client = null!;
        private ConnectionMultiplexer _redis = null!;
        private WriteProbe _probe = null!;
        private string _session = null!;

        public TimeSpan ProbeTime { get; private set; }

        public IReadOnlyList<ApiOperation> Operations { get; private set; } = [];
        public Gen<HostileRequest> Requests { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            foreach (var limit in new[] { "OtpPerEmail", "OtpPerIp", "VerifyPerEmail", "BookingPerIp", "HeartbeatPerClient" })
                _app.With($"RateLimits:{limit}:PermitLimit", "1000000");
            _client = _app.CreateClient();
            var document = JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json"))!;
            Operations = ApiOperation.Read(document);
            Requests = HostileGenerator.For(Operations);
            _session = await _client.SignInAsync(AuthApi.NewEmail("hostile"));
            _redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis + ",allowAdmin=true");
            _probe = new WriteProbe(_app, _redis);
        }

        public void SendAndJudge(HostileRequest request)
        {
            var probeWatch = Stopwatch.StartNew();
            var before = request.Operation.IsSafe ? null : _probe.FingerprintAsync().GetAwaiter().GetResult();
            ProbeTime += probeWatch.Elapsed;
            using var message = request.ToMessage(_session, AdminTestKeys.Key);
            var watch = Stopwatch.StartNew();
            using var response = _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            // An event stream (GET /slots/stream) that was opened never ends by itself: its status and type are the answer.
            var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream"
                ? ""
                : response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var verdict = HostileOracle.Judge(request, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
            if (verdict is null && before is not null)
            {
                probeWatch.Restart();
                var after = _probe.FingerprintAsync().GetAwaiter().GetResult();
                ProbeTime += probeWatch.Elapsed;
                if (after != before) verdict = $"{(int)response.StatusCode} but something was written:\n--- before\n{before}--- after\n{after}";
            }
            if (verdict is not null)
                throw new Xunit.Sdk.XunitException($"{verdict}\nrequest: {request}\nanswer ({watch.ElapsedMilliseconds} ms): {HostileRequest.Abbreviate(body.Length > 600 ? body[..600] + "…" : body)}");
        }

        public async Task DisposeAsync()
        {
            _client.Dispose();
            await _probe.DisposeAsync();
            await _redis.DisposeAsync();
            await ((IAsyncLifetime)_app).DisposeAsync();
        }
    }
}
