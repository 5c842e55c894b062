using System.Net;

namespace Municipal.Gateway.Tests;

/// <summary>A service that is down or restarting is a pause for the resident (503, Retry-After), not an error (502).</summary>
public sealed class ServiceDownTests(ServiceDownTests.Factory gateway) : IClassFixture<ServiceDownTests.Factory>
{
    /// <summary>A gateway of its own: this test stops one of its backends.</summary>
    public sealed class Factory : GatewayFactory;

    [Fact]
    public async Task While_a_service_is_down_the_gateway_answers_503_with_retry_after_instead_of_502()
    {
        var client = gateway.Browser();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/booking/concerns")).StatusCode);

        await gateway.Backends["booking"].StopAsync();
        var response = await client.GetAsync("/api/booking/concerns");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // The other services go on answering.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/forms/definitions")).StatusCode);
    }
}
