using System.Buffers;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AppointEase.Application.Slots;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// The heartbeat's response body and ETag from ONE serialization: the UTF-8 JSON is hashed without the serverTime
/// value (it changes on every call and would defeat the 304) and the same bytes are written as the body.
/// </summary>
public sealed class HeartbeatBody
{
    private readonly JsonTypeInfo<HeartbeatSnapshot> _typeInfo;
    private readonly byte[] _serverTimeProperty;

    /// <summary>
    /// The source-generated context's own type info, not the API's options: those carry ASP.NET Core's relaxed encoder,
    /// which the generated fast path does not support, so a snapshot serialized through them walks the converters with
    /// a stack of frames (about 540 instead of 230 bytes allocated per heartbeat). The snapshot's strings (HH:mm times,
    /// fixed status words) are escaped the same by both encoders, so the bytes are what <c>Ok(snapshot)</c> would send
    /// (<c>HeartbeatBodyTests</c>).
    /// </summary>
    public HeartbeatBody() : this(HeartbeatJsonContext.Default.HeartbeatSnapshot) { }

    public HeartbeatBody(JsonTypeInfo<HeartbeatSnapshot> typeInfo)
    {
        _typeInfo = typeInfo;
        var options = typeInfo.Options;
        var name = options.PropertyNamingPolicy?.ConvertName(nameof(HeartbeatSnapshot.ServerTime)) ?? nameof(HeartbeatSnapshot.ServerTime);
        _serverTimeProperty = Encoding.UTF8.GetBytes($"\"{name}\":");
    }

    public (byte[] Utf8Json, string ETag) Serialize(HeartbeatSnapshot snapshot)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(snapshot, _typeInfo);
        return (json, ETagOf(json));
    }

    /// <summary>
    /// Strong ETag: XxHash128 of the body minus the serverTime value, as 32 hex digits. An ETag only has to change with
    /// the content and be the same on every instance; it guards nothing, so a non-cryptographic hash does. SHA-256 (through
    /// OpenSSL) was 1.6 % of a heartbeat's CPU (perf, decision 157).
    /// </summary>
    public string ETagOf(ReadOnlySpan<byte> json)
    {
        var (valueStart, valueEnd) = ServerTimeValue(json);
        ReadOnlySpan<byte> before = json[..valueStart], after = json[valueEnd..];
        var length = before.Length + after.Length;
        var rented = length <= 1024 ? null : ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var stable = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
            before.CopyTo(stable);
            after.CopyTo(stable[before.Length..]);
            Span<byte> hash = stackalloc byte[16];
            XxHash128.Hash(stable, hash);
            Span<char> tag = stackalloc char[34];
            tag[0] = '"';
            Convert.TryToHexStringLower(hash, tag[1..33], out _);
            tag[33] = '"';
            return new string(tag);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Where the serverTime string value (quotes included) starts and ends; its property name stays hashed.</summary>
    private (int Start, int End) ServerTimeValue(ReadOnlySpan<byte> json)
    {
        // Only a property name can be followed by ':' outside a string, and the other values are times and fixed
        // words, so the first match is the property. A date-time value is a JSON string without escapes.
        var name = json.IndexOf(_serverTimeProperty);
        if (name < 0 || json.Length <= name + _serverTimeProperty.Length || json[name + _serverTimeProperty.Length] != (byte)'"')
            throw new InvalidOperationException("The heartbeat JSON has no serverTime string; the ETag would change on every call.");
        var valueStart = name + _serverTimeProperty.Length;
        var closing = json[(valueStart + 1)..].IndexOf((byte)'"');
        if (closing < 0) throw new InvalidOperationException("Unterminated serverTime in the heartbeat JSON.");
        return (valueStart, valueStart + closing + 2);
    }
}
