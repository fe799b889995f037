using System.Globalization;
using Microsoft.Extensions.Hosting;
using YamlDotNet.RepresentationModel;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>
/// Where a workload's probes knock and Prometheus scrapes: the management port, at the paths the service defaults map,
/// where <c>Management__Url</c> listens.
/// </summary>
internal static class ManagementProbes
{
    public static void AssertOnManagementPort(YamlMappingNode workload, params string[] probes)
    {
        var container = (YamlMappingNode)workload.List("spec.template.spec.containers").Single();
        var port = container.List("ports").Cast<YamlMappingNode>().Single(entry => entry.Text("name") == "management").Text("containerPort");
        Assert.Equal(ServiceDefaultsExtensions.ReadinessPath, container.Text("readinessProbe.httpGet.path"));
        Assert.Equal(ServiceDefaultsExtensions.AlivePath, container.Text("livenessProbe.httpGet.path"));
        foreach (var probe in probes)
        {
            // The API or dashboard port answers 404 for the probe paths once Management__Url is set.
            Assert.Contains(container.Text($"{probe}.httpGet.port"), new[] { "management", port });
        }

        var url = KubernetesBase.Environment(container)["Management__Url"].Text("value");
        Assert.Equal(port, new Uri(url!).Port.ToString(CultureInfo.InvariantCulture));
        Assert.False(new Uri(url!).IsLoopback, "a loopback listener would fail every probe");
        var annotations = workload.Labels("spec.template.metadata.annotations");
        Assert.Equal(port, annotations["prometheus.io/port"]);
        Assert.Equal(ServiceDefaultsExtensions.MetricsPath, annotations["prometheus.io/path"]);
    }
}
