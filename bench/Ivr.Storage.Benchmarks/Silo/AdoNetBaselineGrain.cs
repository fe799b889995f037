namespace Ivr.Storage.Benchmarks.Silo;

internal sealed class AdoNetBaselineGrain([PersistentState("baseline")] IPersistentState<BaselineState> state) : Grain, IAdoNetBaselineGrain
{
    public Task Write(string payload)
    {
        state.State.Payload = payload;
        return state.WriteStateAsync();
    }
}
