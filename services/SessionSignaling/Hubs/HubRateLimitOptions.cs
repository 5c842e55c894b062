namespace Municipal.SessionSignaling.Hubs;

/// <summary>
/// Per-connection budgets for what a client may send through the hub (<c>Sessions:HubLimits</c>): a token bucket
/// each, <see cref="HubLimit.Burst"/> at once and <see cref="HubLimit.PerSecond"/> after that. Generous for a person,
/// tight for a script: WebRTC's ICE trickle and co-filling keystrokes get more than chat lines.
/// </summary>
public sealed class HubRateLimitOptions
{
    public HubLimit Join { get; set; } = new() { Burst = 10, PerSecond = 1 };
    public HubLimit Chat { get; set; } = new() { Burst = 10, PerSecond = 2 };
    public HubLimit Typing { get; set; } = new() { Burst = 10, PerSecond = 2 };
    public HubLimit Signal { get; set; } = new() { Burst = 200, PerSecond = 50 };
    public HubLimit Mode { get; set; } = new() { Burst = 10, PerSecond = 1 };
    public HubLimit RoomEvent { get; set; } = new() { Burst = 100, PerSecond = 20 };
}

public sealed class HubLimit
{
    public double Burst { get; set; }
    public double PerSecond { get; set; }
}
