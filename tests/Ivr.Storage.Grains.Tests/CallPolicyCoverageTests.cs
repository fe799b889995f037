using Ivr.Storage.Contracts;
using Ivr.Storage.Grains.Security;

namespace Ivr.Storage.Grains.Tests;

/// <summary>
/// Every method of every grain interface a client may reach has an access rule: a method added without one is refused
/// to every caller at run time, and this test names it at build time.
/// </summary>
public sealed class CallPolicyCoverageTests
{
    public static TheoryData<Type> ClientInterfaces =>
        [typeof(IEntityGrain), typeof(IChangeFeedGrain), typeof(ISubscriptionGrain), typeof(IReadModelQueryGrain), typeof(IProjectionGrain), typeof(ICausationLookupGrain)];

    [Theory]
    [MemberData(nameof(ClientInterfaces))]
    public void every_method_of_a_client_facing_grain_interface_has_an_access_rule(Type grainInterface)
    {
        var placed = CallPolicy.Placed.Where(entry => entry.Interface == grainInterface).Select(entry => entry.Method).ToHashSet();

        Assert.All(grainInterface.GetMethods(), method => Assert.Contains(method.Name, placed));
    }
}
