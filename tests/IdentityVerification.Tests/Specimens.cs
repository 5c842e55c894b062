namespace Municipal.IdentityVerification.Tests;

/// <summary>
/// MRZs of ICAO Doc 9303's specimen documents (Utopia, Anna Maria Eriksson), the German identity card specimen
/// (Erika Mustermann) and documents built to the same rules for Germany and Switzerland.
/// </summary>
public static class Specimens
{
    public const string Td3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

    public const string Td2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6";

    public const string Td1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<";

    /// <summary>Doc 9303 part 5's long document number D23145890734, continued in the optional data.</summary>
    public const string Td1LongNumber = "I<UTOD23145890<7349<<<<<<<<<<<\n7408122F3204153UTO<<<<<<<<<<<2\nERIKSSON<<ANNA<MARIA<<<<<<<<<<";

    /// <summary>The Federal Printing Office's specimen of the 2010 German identity card (expired 2020).</summary>
    public const string GermanIdCard2010 = "IDD<<T220001293<<<<<<<<<<<<<<<\n6408125<2010315D<<<<<<<<<<<<<4\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<";

    public const string GermanIdCard = "IDD<<LZ6311T475<<<<<<<<<<<<<<<\n8308126F3108011D<<<<<<<<<<<<<6\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<";

    public const string GermanPassport = "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\nC01X00T478D<<8308126F3108011<<<<<<<<<<<<<<<0";

    public const string SwissIdCard = "IDCHEC1234567<0<<<<<<<<<<<<<<<\n9502150M3306301CHE<<<<<<<<<<<6\nMUSTER<<HANS<PETER<<<<<<<<<<<<";

    public const string SwissPassport = "P<CHEMUSTER<<HANS<<<<<<<<<<<<<<<<<<<<<<<<<<<\nX1234567<7CHE9502150M3306301<<<<<<<<<<<<<<<2";

    /// <summary>Replaces the character at a 1-based line and 0-based column.</summary>
    public static string With(string mrz, int line, int column, char c)
    {
        var lines = mrz.Split('\n');
        var chars = lines[line - 1].ToCharArray();
        chars[column] = c;
        lines[line - 1] = new string(chars);
        return string.Join('\n', lines);
    }

    /// <summary>A different digit than the one printed, so the check must fail.</summary>
    public static char Other(char digit) => digit == '9' ? '0' : (char)(digit + 1);
}
