using Microsoft.Extensions.Caching.Memory;
using Municipal.ServiceDefaults.Security;

namespace Municipal.Form.Signing;

/// <summary>
/// What keeps a stand-alone form, which anyone may open without a link, from making the city send codes at its cost
/// (SMS pumping): an SMS goes only to numbers of the countries in <c>Forms:SmsCountryPrefixes</c> (default the city's
/// region: Switzerland, Liechtenstein and the neighbours), and one client address asks for at most
/// <c>Forms:CodesPerAddressPerHour</c> codes (10) on such forms, by SMS or e-mail, beside the five per draft.
/// The count is kept per instance: the gateway's own limits stand in front of it.
/// </summary>
public sealed class CodeLimits(IConfiguration configuration, IMemoryCache cache, TimeProvider time)
{
    public static readonly IReadOnlyList<string> DefaultSmsPrefixes = ["+41", "+423", "+49", "+43", "+33", "+39"];

    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public IReadOnlyList<string> SmsPrefixes { get; } =
        configuration["Forms:SmsCountryPrefixes"]?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } configured
            ? configured : DefaultSmsPrefixes;

    public int PerAddress { get; } = configuration.GetValue("Forms:CodesPerAddressPerHour", 10);

    /// <summary>Whether a number (as typed: spaces, dashes, a leading 00) lies in one of the allowed countries.</summary>
    public bool SmsAllowed(string number)
    {
        var digits = new string(number.Where(c => c == '+' || char.IsAsciiDigit(c)).ToArray());
        if (digits.StartsWith("00", StringComparison.Ordinal)) digits = "+" + digits[2..];
        return SmsPrefixes.Any(p => digits.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>
    /// Takes one code from the address's budget; the time to wait when it is spent. The address is what the gateway
    /// saw (the last X-Forwarded-For entry); without one (a call not through the gateway) nothing is counted.
    /// </summary>
    public TimeSpan? Take(HttpRequest request)
    {
        var forwarded = request.Headers["X-Forwarded-For"].ToString();
        var address = forwarded.Length > 0 ? forwarded.Split(',')[^1].Trim() : null;
        if (string.IsNullOrEmpty(address)) return null;
        // An IPv6 client counts by its /64 network, as at the gateway.
        address = ClientAddress.Key(address);
        var now = time.GetUtcNow();
        var budget = cache.GetOrCreate("codes-from:" + address, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Window;
            return new Budget(now);
        })!;
        lock (budget)
        {
            if (budget.Count >= PerAddress) return budget.Since + Window - now;
            budget.Count++;
            return null;
        }
    }

    private sealed class Budget(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;

        public int Count { get; set; }
    }
}
