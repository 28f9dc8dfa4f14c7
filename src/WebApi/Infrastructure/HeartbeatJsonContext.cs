using System.Text.Json;
using System.Text.Json.Serialization;
using AppointEase.Application.Slots;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Source-generated serialization of the heartbeat's snapshot, the body written most often (every open widget, about
/// once a second, and every slot stream's snapshot). First in the API's resolver chain, so <c>Ok(snapshot)</c>,
/// <see cref="HeartbeatBody"/> and the stream all use it; with the API's web defaults the generator's fast path writes
/// the JSON directly instead of walking reflection metadata with a stack of frames (decision 143). The bytes are the
/// same as the reflection serializer's (<c>HeartbeatBodyTests</c>).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HeartbeatSnapshot))]
internal sealed partial class HeartbeatJsonContext : JsonSerializerContext
{
    public static void AddTo(JsonSerializerOptions options) => options.TypeInfoResolverChain.Insert(0, Default);
}
