using System.Security.Cryptography;
using System.Text;
using AppointEase.Infrastructure.Faults;
using StackExchange.Redis;

namespace AppointEase.Infrastructure.Redis;

/// <summary>
/// A Lua script sent by its SHA-1 digest (EVALSHA). Given the script's text, StackExchange.Redis 2.x finds the digest in
/// a table keyed by that whole text on every call: hashing the heartbeat's 1.6 KB script was 1.3 % of a heartbeat's CPU
/// (perf, decision 157). The digest is computed once here. A server that does not know it (restarted, failed over, a
/// new cluster node) answers NOSCRIPT; that call is sent again as text, which loads the script there for later calls.
/// </summary>
public sealed class RedisScript(string text)
{
    private readonly byte[] _sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(text));

    public string Text { get; } = text;

    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync database, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return await database.ScriptEvaluateAsync(_sha1, keys, values);
        }
        catch (RedisServerException ex) when (FaultClassifier.RedisErrorCode(ex) == "NOSCRIPT")
        {
            return await database.ScriptEvaluateAsync(Text, keys, values);
        }
    }
}
