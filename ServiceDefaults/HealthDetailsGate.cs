using Microsoft.AspNetCore.Http;

namespace Municipal.ServiceDefaults;

/// <summary>
/// Who may read /health's details (each check, its description and data). A host that faces the internet (the gateway)
/// registers one; without it every caller sees the details (the services are reachable only from inside).
/// </summary>
public sealed record HealthDetailsGate(Func<HttpContext, bool> Allows);
