namespace GeneratedClients.Bitget;

public sealed partial class BitgetFuturesAsset
{
    /// <summary>
    /// True when the wire sent both <c>equity</c> and <c>accountEquity</c> with different values.
    /// <see cref="Equity"/> then holds <c>equity</c> (the documented name) and <see cref="AccountEquity"/>
    /// the other; neither value is lost.
    /// </summary>
    public bool HasEquityConflict { get; private set; }

    // Quirk: the table documents `equity`, the wire (and the page's example) sends `accountEquity`
    // (sample getSubAccountAssets.200.json; the table's name in getSubAccountAssets.200.equity-field.json).
    // Equity reads whichever is present; when both differ the documented `equity` wins, because it is the
    // name Bitget commits to in its field table, and HasEquityConflict reports it. When neither name was
    // sent, the documented `equity` is reported missing.
    partial void OnWireRead(WireReader reader, ulong seenFields)
    {
        HasEquityConflict = _Equity is not null && _AccountEquity is not null && _Equity != _AccountEquity;
        _Equity ??= _AccountEquity;
        if ((seenFields & (SeenEquity | SeenAccountEquity)) == 0UL)
        {
            reader.Missing("equity");
        }
    }
}
