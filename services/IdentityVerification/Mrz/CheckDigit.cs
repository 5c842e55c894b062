namespace Municipal.IdentityVerification.Mrz;

/// <summary>ICAO Doc 9303 part 3 §4.9: weights 7-3-1 over digits, letters A=10…Z=35 and the filler '&lt;'=0, modulo 10.</summary>
public static class CheckDigit
{
    private static readonly int[] Weights = [7, 3, 1];

    public static int Compute(ReadOnlySpan<char> field)
    {
        var sum = 0;
        for (var i = 0; i < field.Length; i++)
        {
            sum += Value(field[i]) * Weights[i % 3];
        }
        return sum % 10;
    }

    public static int Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        '<' => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, "Not an MRZ character."),
    };
}
