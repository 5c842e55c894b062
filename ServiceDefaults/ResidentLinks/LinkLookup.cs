namespace Municipal.ServiceDefaults.ResidentLinks;

/// <summary>The answer for one link; <see cref="Link"/> only when <see cref="State"/> is Open or Closed.</summary>
public sealed record LinkLookup(LinkState State, ResidentLink? Link);
