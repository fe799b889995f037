using YamlDotNet.RepresentationModel;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>deploy/k8s/postgres-ha: a CloudNativePG cluster with a synchronous standby and scheduled backups (issue 17).</summary>
public sealed class KubernetesPostgresHaTests
{
    private const string Directory = "deploy/k8s/postgres-ha";

    private static IReadOnlyList<string> Resources => Yaml.LoadDocuments($"{Directory}/kustomization.yaml").Single().Strings("resources");

    private static IReadOnlyList<YamlMappingNode> Manifests => [.. Resources.SelectMany(resource => Yaml.LoadDocuments($"{Directory}/{resource}"))];

    private static YamlMappingNode Cluster => Manifests.Single(manifest => manifest.Text("kind") == "Cluster");

    [Fact]
    public void the_kustomization_lists_every_manifest_of_the_directory()
    {
        var files = System.IO.Directory.GetFiles(RepositoryFiles.PathOf(Directory), "*.yaml").Select(Path.GetFileName).Where(file => file != "kustomization.yaml");
        Assert.Equal(files.Order(), Resources.Order());
    }

    [Fact]
    public void the_cluster_has_three_instances_on_different_nodes_and_requires_a_synchronous_standby()
    {
        Assert.Equal("postgresql.cnpg.io/v1", Cluster.Text("apiVersion"));
        Assert.Equal("3", Cluster.Text("spec.instances"));
        Assert.True(int.Parse(Cluster.Text("spec.postgresql.synchronous.number")!, System.Globalization.CultureInfo.InvariantCulture) >= 1, "at least one synchronous standby");
        // "required": with no synchronous standby, commits wait instead of being acknowledged on the primary alone.
        Assert.Equal("required", Cluster.Text("spec.postgresql.synchronous.dataDurability"));
        Assert.Equal("required", Cluster.Text("spec.affinity.podAntiAffinityType"));
        Assert.Equal("ivr_storage", Cluster.Text("spec.bootstrap.initdb.database"));
        Assert.Equal("ivr_storage_owner", Cluster.Text("spec.bootstrap.initdb.owner"));
        Assert.StartsWith("15", Cluster.Text("spec.imageName")!.Split(':')[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void wal_is_archived_continuously_and_a_scheduled_backup_of_the_cluster_runs()
    {
        Assert.False(string.IsNullOrEmpty(Cluster.Text("spec.backup.barmanObjectStore.destinationPath")), "WAL archive and base backups go to object storage");
        Assert.False(string.IsNullOrEmpty(Cluster.Text("spec.backup.retentionPolicy")), "a retention policy bounds the archive");
        var scheduled = Manifests.Single(manifest => manifest.Text("kind") == "ScheduledBackup");
        Assert.Equal(Cluster.Text("metadata.name"), scheduled.Text("spec.cluster.name"));
        Assert.Equal(6, scheduled.Text("spec.schedule")!.Split(' ').Length);
    }
}
