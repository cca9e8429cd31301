using ProctorWeb.Tests.Support.Cluster;

namespace ProctorWeb.Tests.Cluster;

/// <summary>One cluster (nginx, two nodes, Redis, a shared database) for the tests of a class that leave every node running.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
