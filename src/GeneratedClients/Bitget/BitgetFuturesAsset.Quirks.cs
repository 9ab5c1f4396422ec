using System.ComponentModel;
using System.Runtime.Serialization;
using Newtonsoft.Json;

namespace GeneratedClients.Bitget;

public partial class BitgetFuturesAsset
{
    private bool _equityDerived;

    /// <summary>
    /// True when the wire sent both <c>equity</c> and <c>accountEquity</c> with different values.
    /// <see cref="Equity"/> then holds <c>equity</c> (the documented name) and <see cref="AccountEquity"/>
    /// the other; neither value is lost.
    /// </summary>
    [JsonIgnore]
    public bool HasEquityConflict { get; private set; }

    /// <summary>Keeps <c>equity</c> out of serialized output when the wire did not send it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public bool ShouldSerializeEquity() => !_equityDerived;

    // Quirk: the table documents `equity`, the wire (and the page's example) sends `accountEquity`
    // (sample getSubAccountAssets.200.json; the table's name in getSubAccountAssets.200.equity-field.json).
    // Equity reads whichever is present; when both differ the documented `equity` wins, because it is the
    // name Bitget commits to in its field table, and HasEquityConflict reports it.
    [OnDeserialized]
    internal void ReconcileEquity(StreamingContext context)
    {
        HasEquityConflict = Equity is not null && AccountEquity is not null && Equity != AccountEquity;
        if (Equity is null && AccountEquity is not null)
        {
            Equity = AccountEquity;
            _equityDerived = true;
        }
    }
}
