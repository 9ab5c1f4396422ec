namespace GeneratedClients.Json;

/// <summary>How the exchange's documentation writes a figure, so that the other form is reported as a deviation.</summary>
internal enum WireForm
{
    /// <summary>Either form is documented; neither is reported.</summary>
    Any,

    /// <summary>Documented as a JSON number (HTX's decimal, bigdecimal); a string is <see cref="WireDeviationKind.NumberAsString"/>.</summary>
    Number,

    /// <summary>Documented as a string (Bitget's String amounts); a bare number is <see cref="WireDeviationKind.StringAsNumber"/>.</summary>
    String,
}
