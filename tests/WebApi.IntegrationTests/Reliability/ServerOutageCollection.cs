namespace AppointEase.WebApi.IntegrationTests.Reliability;

/// <summary>
/// Tests that kill, freeze or restart the shared test MariaDB run in this collection: xUnit runs it alone, after the
/// parallel collections, so no other test class sees the outage.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerOutageCollection
{
    public const string Name = "Server outages (run alone)";
}
