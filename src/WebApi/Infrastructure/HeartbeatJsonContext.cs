using System.Text.Json;
using System.Text.Json.Serialization;
using AppointEase.Application.Slots;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Source-generated serialization of the heartbeat's snapshot, the body written most often (every open widget, about
/// once a second, and every slot stream's snapshot). <see cref="HeartbeatBody"/> serializes with this context's own
/// type info, whose options let the generator's fast path write the JSON directly instead of walking metadata with a
/// stack of frames (decision 150: the API's options, with ASP.NET Core's relaxed encoder, do not). It is also first in
/// the API's resolver chain, so <c>Ok(snapshot)</c> and the stream use its metadata. The bytes are the same as the
/// reflection serializer's (<c>HeartbeatBodyTests</c>).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HeartbeatSnapshot))]
internal sealed partial class HeartbeatJsonContext : JsonSerializerContext
{
    public static void AddTo(JsonSerializerOptions options) => options.TypeInfoResolverChain.Insert(0, Default);
}
