namespace Municipal.Gateway;

public static class GatewayPolicies
{
    public const string Admin = "gateway-admin";
    public const string Supervisor = "gateway-supervisor";
}
