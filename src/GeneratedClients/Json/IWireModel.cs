namespace GeneratedClients.Json;

/// <summary>A generated model that reads itself from the wire (the model template, Templates/Class.liquid, implements it).</summary>
/// <typeparam name="TSelf">The model.</typeparam>
internal interface IWireModel<TSelf>
    where TSelf : class, IWireModel<TSelf>
{
    /// <summary>Reads the model; the reader stands on the object's <c>{</c> and is left on its <c>}</c>.</summary>
    static abstract TSelf Read(WireReader reader);
}
