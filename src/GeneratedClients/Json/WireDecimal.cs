using System.Globalization;

namespace GeneratedClients.Json;

/// <summary>Decimal text as the exchanges write it, parsed exactly with the invariant culture.</summary>
internal static class WireDecimal
{
    // Why no thousands separator: "1,5" is corrupt data, not 15.
    private const NumberStyles WireNumber = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Parses plain or exponent notation ("23.123", "-0.5", "1.25E+1", "0E-18"); false when the text is not a decimal number or does not fit one.</summary>
    public static bool TryParse(string text, out decimal value) =>
        TryParsePlain(text, out value) || decimal.TryParse(text, WireNumber, CultureInfo.InvariantCulture, out value);

    /// <summary>True when the text has the characters of a number (so a failed parse means it does not fit a decimal).</summary>
    public static bool LooksNumeric(string text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiDigit(c) || c is '-' or '+' or '.' or 'e' or 'E'))
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    /// <summary>
    /// The fast path for the form nearly every amount has: an optional minus, 1 to 18 digits in all, an optional
    /// point with digits after it ("23.123", "-0.00140361", "0"). Gives exactly what <see cref="decimal.TryParse(string, NumberStyles, IFormatProvider, out decimal)"/>
    /// gives for such text, scale (trailing zeros) included; anything else (a sign on zero, an exponent, a plus,
    /// more digits, a lone point) returns false and goes to decimal.TryParse.
    /// </summary>
    internal static bool TryParsePlain(ReadOnlySpan<char> text, out decimal value)
    {
        value = default;
        var negative = text.Length > 0 && text[0] == '-';
        var i = negative ? 1 : 0;
        ulong mantissa = 0;
        var digits = 0;
        var scale = -1; // digits after the point; -1 while no point has been seen
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (++digits > 18)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + (uint)(c - '0');
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (c == '.' && scale < 0 && digits > 0)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || scale == 0 || (negative && mantissa == 0))
        {
            return false; // "", "-", "5." and "-0" are left to decimal.TryParse
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }
}
