namespace GeneratedClients;

/// <summary>How a field on the wire departed from the exchange's documented contract, in a way the client read past.</summary>
public enum WireDeviationKind
{
    /// <summary>A field the documentation lists was not sent; it reads as null (a list as empty).</summary>
    Missing,

    /// <summary>The field was sent as <c>null</c>; it reads as null (a list as empty; a null list entry is left out).</summary>
    Null,

    /// <summary>A figure was sent as <c>""</c>; it reads as null.</summary>
    Empty,

    /// <summary>A figure documented as a number came as a decimal string (<c>"7.8"</c>); it reads as the same exact decimal.</summary>
    NumberAsString,

    /// <summary>A value documented as a string came as a bare JSON number; it reads as the same exact value.</summary>
    StringAsNumber,
}
