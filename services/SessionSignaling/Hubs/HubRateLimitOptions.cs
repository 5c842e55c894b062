namespace Municipal.SessionSignaling.Hubs;

/// <summary>
/// Per-connection budgets for what a client may send through the hub (<c>Sessions:HubLimits</c>): a token bucket
/// each, <see cref="HubLimit.Burst"/> at once and <see cref="HubLimit.PerSecond"/> after that. Generous for a person,
/// tight for a script: WebRTC's ICE trickle and co-filling keystrokes get more than chat lines. The same budgets,
/// scaled, are shared by every connection of one resident token, invite or staff member
/// (<see cref="PerTokenFactor"/>) and by every connection from one client address that is not staff
/// (<see cref="PerIpFactor"/>), so opening more connections buys nothing.
/// </summary>
public sealed class HubRateLimitOptions
{
    public HubLimit Join { get; set; } = new() { Burst = 10, PerSecond = 1 };
    public HubLimit Chat { get; set; } = new() { Burst = 10, PerSecond = 2 };
    public HubLimit Typing { get; set; } = new() { Burst = 10, PerSecond = 2 };
    public HubLimit Signal { get; set; } = new() { Burst = 200, PerSecond = 50 };
    public HubLimit Mode { get; set; } = new() { Burst = 10, PerSecond = 1 };
    public HubLimit RoomEvent { get; set; } = new() { Burst = 100, PerSecond = 20 };

    /// <summary>One person rarely needs more than one connection's budget, even with a second tab or device.</summary>
    public double PerTokenFactor { get; set; } = 1;

    /// <summary>A household or an office behind one address holds several residents at once.</summary>
    public double PerIpFactor { get; set; } = 10;
}

public sealed class HubLimit
{
    public double Burst { get; set; }
    public double PerSecond { get; set; }

    public HubLimit Times(double factor) => new() { Burst = Burst * factor, PerSecond = PerSecond * factor };
}
