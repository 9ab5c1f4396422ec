namespace GeneratedClients;

/// <summary>How often one kind of deviation occurred at one field of a response.</summary>
/// <param name="FieldPattern">The field's path with list indexes removed (<c>data[].assetList[].coupon</c>).</param>
/// <param name="Kind">What the wire did there.</param>
/// <param name="Count">How many times (rows) it did.</param>
public sealed record WireDeviationSummary(string FieldPattern, WireDeviationKind Kind, int Count);
