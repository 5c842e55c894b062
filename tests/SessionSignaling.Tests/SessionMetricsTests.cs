using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Testing;

namespace Municipal.SessionSignaling.Tests;

public sealed class SessionMetricsTests(SessionsFactory factory) : IClassFixture<SessionsFactory>
{
    [Fact]
    public async Task Active_sessions_and_handling_time_are_reported_by_department_on_the_Municipal_meter()
    {
        // A department of the test's own, so rooms of other tests do not count.
        var department = $"metrics-{Guid.NewGuid():N}"[..20];
        var room = await factory.IssueTicketAsync(department, "move");
        var clerk = Staff.Clerk(department, "move");

        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        var active = new List<long>();
        var handling = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Municipal" && instrument.Meter.Scope == meters) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "municipal.sessions.active" && Tag(tags, "department") == department) lock (active) active.Add(value);
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "municipal.sessions.handling_time" && Tag(tags, "department") == department) lock (handling) handling.Add(value);
        });
        listener.Start();

        listener.RecordObservableInstruments();
        Assert.Empty(active);

        (await factory.CreateStaffClient(clerk).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();
        listener.RecordObservableInstruments();
        Assert.Equal([1L], active);

        await Task.Delay(200);
        var ended = await (await factory.CreateStaffClient(clerk).PostAsync($"/api/sessions/rooms/{room.Id}/end", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ended", ended.GetProperty("status").GetString());
        var seconds = Assert.Single(handling);
        Assert.InRange(seconds, 0.2, 60);
        active.Clear();
        listener.RecordObservableInstruments();
        Assert.Empty(active);
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags) if (tag.Key == name) return tag.Value as string;
        return null;
    }
}
