using AppointEase.Infrastructure.Redis;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace AppointEase.WebApi.IntegrationTests.Slots;

/// <summary>Scripts sent by digest (decision 157) on the test Redis: a server that does not know one still runs it.</summary>
public sealed class RedisScriptTests
{
    [Fact]
    public async Task AScriptTheServerDoesNotKnow_RunsFromItsText_AndIsLoadedForTheCallsAfter()
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        // Text no other test has sent: the server has never loaded it, as after a restart or on a new cluster node.
        var text = $"-- {Guid.NewGuid():N}\nreturn {{KEYS[1], ARGV[1]}}";
        var script = new RedisScript(text);
        var key = $"ae_script_test_{{{Guid.NewGuid():N}}}";

        var first = (RedisResult[])(await script.EvaluateAsync(redis.GetDatabase(), [key], ["one"]))!;
        var second = (RedisResult[])(await script.EvaluateAsync(redis.GetDatabase(), [key], ["two"]))!;

        Assert.Equal([key, "one"], first.Select(r => (string?)r));
        Assert.Equal([key, "two"], second.Select(r => (string?)r));
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        var loaded = (bool[])(await redis.GetDatabase().ExecuteAsync("SCRIPT", "EXISTS", digest))!;
        Assert.True(loaded[0]);
    }

    [Fact]
    public async Task AScriptThatFails_IsNotRetried_ItsErrorReachesTheCaller()
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var script = new RedisScript($"-- {Guid.NewGuid():N}\nreturn redis.call('NO_SUCH_COMMAND')");

        var error = await Assert.ThrowsAsync<RedisServerException>(() => script.EvaluateAsync(redis.GetDatabase(), [], []));

        Assert.NotEqual("NOSCRIPT", AppointEase.Infrastructure.Faults.FaultClassifier.RedisErrorCode(error));
    }
}
