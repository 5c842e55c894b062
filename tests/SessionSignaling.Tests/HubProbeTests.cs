using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Municipal.ServiceDefaults.Auth;
using Municipal.SessionSignaling.Hubs;
using Municipal.Testing;

namespace Municipal.SessionSignaling.Tests;

/// <summary>
/// The hub as an outsider tries it (probe 5): every method before a join, with null and wrong types, in a room that
/// ended or was taken over. Each refusal is one of the codes the pages translate, never the hub's "unexpected error",
/// and nothing reaches another room.
/// </summary>
public sealed class HubProbeTests(SessionsFactory factory) : IClassFixture<SessionsFactory>
{
    private static readonly JsonElement Empty = JsonSerializer.SerializeToElement(new { });

    /// <summary>Every method a page may call, with arguments of the right types.</summary>
    private static readonly (string Method, object?[] Args)[] Methods =
    [
        ("History", [0L]),
        ("SendMessage", ["Hallo", null]),
        ("Typing", [true]),
        ("Signal", ["hangup", Empty]),
        ("RequestMode", ["speak"]),
        ("AnswerMode", ["speak", true]),
        ("SetMode", ["write"]),
        ("CallRunning", []),
        ("ResumeCall", []),
        ("SetLanguage", ["fr"]),
        ("SendRoomEvent", ["form.opened", Empty]),
        ("ReportPicture", [true]),
    ];

    private async Task<(TestRoom Room, StaffIdentity Clerk)> AcceptedRoomAsync(string name = "Erika Muster")
    {
        var room = await factory.IssueTicketAsync(name: name);
        var clerk = Staff.Clerk("residents-office", "move");
        (await factory.CreateStaffClient(clerk).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();
        return (room, clerk);
    }

    /// <summary>A room a clerk accepted, with the resident's and the clerk's hub connections joined to it.</summary>
    private sealed record JoinedRoom(TestRoom Room, StaffIdentity Clerk, Hub Resident, Hub Staff) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Staff.DisposeAsync();
            await Resident.DisposeAsync();
        }
    }

    private async Task<JoinedRoom> JoinedRoomAsync(string name = "Erika Muster")
    {
        var (room, clerk) = await AcceptedRoomAsync(name);
        var resident = await Hub.ConnectAsync(factory);
        await resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
        var staff = await Hub.ConnectAsync(factory, clerk);
        await staff.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L);
        return new JoinedRoom(room, clerk, resident, staff);
    }

    /// <summary>
    /// The refusal's text: a HubException's code ("… HubException: room-closed"), also for arguments that do not bind
    /// ("… HubException: invalid-arguments: text"); an exception nobody caught comes as "An unexpected error occurred …"
    /// with no code and fails, as did SignalR's own "Failed to invoke 'SendMessage' due to an error on the server.".
    /// </summary>
    private static async Task<string> RefusalAsync(Func<Task> call)
    {
        var refused = await Assert.ThrowsAsync<HubException>(call);
        Assert.True(refused.Message.Contains("HubException: ", StringComparison.Ordinal), refused.Message);
        return refused.Message;
    }

    [Fact]
    public async Task Every_method_before_a_join_is_refused_as_not_joined()
    {
        await using var stranger = await Hub.ConnectAsync(factory);
        foreach (var (method, args) in Methods)
        {
            var message = await RefusalAsync(() => stranger.Connection.InvokeCoreAsync<object>(method, args));
            Assert.True(message.Contains(HubErrors.NotJoined, StringComparison.Ordinal), $"{method}: {message}");
        }
    }

    [Fact]
    public async Task Null_where_a_join_or_a_method_takes_text_is_refused_with_a_code()
    {
        var (room, _) = await AcceptedRoomAsync();
        await using var hub = await Hub.ConnectAsync(factory);
        Assert.Contains(HubErrors.RoomNotFound, await RefusalAsync(() => hub.Connection.InvokeAsync<JsonElement>("JoinAsResident", (string?)null, 0L)), StringComparison.Ordinal);
        Assert.Contains(HubErrors.RoomNotFound, await RefusalAsync(() => hub.Connection.InvokeAsync<JsonElement>("JoinWithInvite", (string?)null, 0L)), StringComparison.Ordinal);
        Assert.Contains(HubErrors.RoomNotFound, await RefusalAsync(() => hub.Connection.InvokeAsync<JsonElement>("JoinAsResident", new string('A', 50_000), 0L)), StringComparison.Ordinal);
        await hub.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, long.MinValue);

        Assert.Contains(HubErrors.InvalidMessage, await RefusalAsync(() => hub.Connection.InvokeAsync<JsonElement>("SendMessage", (string?)null, (string?)null)), StringComparison.Ordinal);
        Assert.Contains(HubErrors.InvalidSignal, await RefusalAsync(() => hub.Connection.InvokeAsync("Signal", (string?)null, (JsonElement?)null)), StringComparison.Ordinal);
        Assert.Contains(HubErrors.InvalidSignal, await RefusalAsync(() => hub.Connection.InvokeAsync("Signal", "offer", (JsonElement?)null)), StringComparison.Ordinal);
        Assert.Contains(HubErrors.InvalidMode, await RefusalAsync(() => hub.Connection.InvokeAsync("RequestMode", (string?)null)), StringComparison.Ordinal);
        Assert.Contains(HubErrors.InvalidMode, await RefusalAsync(() => hub.Connection.InvokeAsync("AnswerMode", (string?)null, true)), StringComparison.Ordinal);
        Assert.Contains(HubErrors.InvalidMode, await RefusalAsync(() => hub.Connection.InvokeAsync("SetMode", (string?)null)), StringComparison.Ordinal);
        Assert.Contains(HubErrors.InvalidLanguage, await RefusalAsync(() => hub.Connection.InvokeAsync("SetLanguage", (string?)null)), StringComparison.Ordinal);
        Assert.Contains(HubErrors.InvalidEvent, await RefusalAsync(() => hub.Connection.InvokeAsync("SendRoomEvent", (string?)null, (JsonElement?)null)), StringComparison.Ordinal);
        Assert.Contains(HubErrors.InvalidDevice, await RefusalAsync(() => hub.Connection.InvokeAsync<JsonElement>("JoinAsResidentOn", room.Token, 0L, "dev\u202Eice")), StringComparison.Ordinal);
        Assert.Contains(HubErrors.InvalidDevice, await RefusalAsync(() => hub.Connection.InvokeAsync<JsonElement>("JoinAsResidentOn", room.Token, 0L, new string('d', 10_000))), StringComparison.Ordinal);

        // Still in the room after all of it.
        Assert.Equal("Noch da", (await hub.Connection.InvokeAsync<JsonElement>("SendMessage", "Noch da", (string?)null)).GetProperty("text").GetString());
    }

    [Fact]
    public async Task Numbers_where_text_goes_and_text_where_numbers_go_are_refused_with_a_code_naming_the_argument_and_the_connection_stays()
    {
        var (room, _) = await AcceptedRoomAsync();
        await using var hub = await Hub.ConnectAsync(factory);
        async Task RefusedAsync(string method, object?[] args, string which)
        {
            var message = await RefusalAsync(() => hub.Connection.InvokeCoreAsync<object>(method, args));
            Assert.True(message.EndsWith($"HubException: {HubErrors.InvalidArguments}: {which}", StringComparison.Ordinal), $"{method}: {message}");
            Assert.Contains($"'{method}'", message, StringComparison.OrdinalIgnoreCase);
        }

        await RefusedAsync("JoinAsResident", [42, "null"], "token");
        await RefusedAsync("JoinAsResident", [room.Token, "0"], "afterId");
        await RefusedAsync("JoinAsStaff", ["not-a-guid", 0L], "roomId");
        await hub.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
        await RefusedAsync("SendMessage", [12345, null], "text");
        await RefusedAsync("SendMessage", [new[] { "a", "b" }, null], "text");
        await RefusedAsync("SendMessage", [new { text = "Hallo" }, null], "text");
        await RefusedAsync("SendMessage", ["Hallo", 7], "clientId");
        await RefusedAsync("Typing", ["yes"], "typing");
        await RefusedAsync("SetLanguage", [5], "language");
        await RefusedAsync("SendRoomEvent", [5, 5], "type");
        await RefusedAsync("AnswerMode", ["speak", "yes"], "accepted");
        await RefusedAsync("History", ["0"], "afterId");
        // Too few and too many: the arguments the method takes.
        await RefusedAsync("SendMessage", ["one argument"], "takes text, clientId");
        await RefusedAsync("SetMode", ["write", "again"], "takes mode");
        await RefusedAsync("CallRunning", [true], "takes none");
        // A method's name in another case is SignalR's same method (it matches them so).
        await RefusedAsync("setlanguage", [new { }], "language");
        // A method the hub has not: SignalR's own coded refusal, kept.
        Assert.EndsWith("HubException: Method does not exist.", await RefusalAsync(() => hub.Connection.InvokeCoreAsync<object>("NoSuchMethod", [1])), StringComparison.Ordinal);

        Assert.Equal(HubConnectionState.Connected, hub.Connection.State);
        Assert.Equal("Noch da", (await hub.Connection.InvokeAsync<JsonElement>("SendMessage", "Noch da", (string?)null)).GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("Hallo \u202Egnilddim\u202C Welt")]
    [InlineData("\u2066isolate\u2069")]
    [InlineData("Zeile\u0085NEL")]
    public async Task Direction_controls_and_control_characters_in_a_line_are_refused(string text)
    {
        var (room, _) = await AcceptedRoomAsync();
        await using var hub = await Hub.ConnectAsync(factory);
        await hub.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
        Assert.Contains(HubErrors.InvalidMessage, await RefusalAsync(() => hub.Connection.InvokeAsync<JsonElement>("SendMessage", text, (string?)null)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_letter_under_thousands_of_combining_marks_is_refused_and_a_written_language_needs_none_of_them()
    {
        await using var joined = await JoinedRoomAsync();
        var (room, clerk, resident, staff) = joined;

        // A column of accents drawn over the clerk's whole chat (3,999 marks fit under the length limit), and 10,000.
        foreach (var text in new[] { "e" + new string('\u0301', 3_999), "Z" + new string('\u0336', 10_000), "a" + string.Concat(Enumerable.Repeat("\u0300\u0301\u0302", 40)) + " b" })
            Assert.Contains(HubErrors.InvalidMessage, await RefusalAsync(() => resident.Connection.InvokeAsync<JsonElement>("SendMessage", text, (string?)null)), StringComparison.Ordinal);
        Assert.False(await staff.ReceivesAsync("Message", TimeSpan.FromSeconds(1)));

        // Decomposed Vietnamese, pointed Hebrew, Devanagari and an emoji with its modifiers and joiners are ordinary lines.
        foreach (var text in new[] { "Nguye\u0302\u0303n", "\u05E9\u05C1\u05B8\u05DC\u05D5\u05B9\u05DD", "\u0928\u092E\u0938\u094D\u0924\u0947", "\U0001F468\u200D\U0001F469\u200D\U0001F467 \U0001F44D\U0001F3FD" })
        {
            var sent = await resident.Connection.InvokeAsync<JsonElement>("SendMessage", text, (string?)null);
            Assert.Equal(text, sent.GetProperty("text").GetString());
            Assert.Equal(text, (await staff.NextAsync("Message")).GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task A_connection_that_moves_to_another_room_hears_nothing_more_of_the_first()
    {
        var (first, firstClerk) = await AcceptedRoomAsync("Anna Erste");
        var (second, _) = await AcceptedRoomAsync("Berta Zweite");
        await using var firstStaff = await Hub.ConnectAsync(factory, firstClerk);
        await firstStaff.Connection.InvokeAsync<JsonElement>("JoinAsStaff", first.Id, 0L);

        await using var hopper = await Hub.ConnectAsync(factory);
        await hopper.Connection.InvokeAsync<JsonElement>("JoinAsResident", first.Token, 0L);
        // A join that fails (another room's id as staff, a bad token) leaves it where it was.
        await RefusalAsync(() => hopper.Connection.InvokeAsync<JsonElement>("JoinAsStaff", second.Id, 0L));
        await RefusalAsync(() => hopper.Connection.InvokeAsync<JsonElement>("JoinAsSupervisor", second.Id, 0L));
        await firstStaff.Connection.InvokeAsync<JsonElement>("SendMessage", "Für Anna", (string?)null);
        Assert.Equal("Für Anna", (await hopper.NextAsync("Message")).GetProperty("text").GetString());

        var joined = await hopper.Connection.InvokeAsync<JsonElement>("JoinAsResident", second.Token, 0L);
        Assert.Equal(second.Id, joined.GetProperty("room").GetProperty("id").GetGuid());
        Assert.Empty(joined.GetProperty("messages").EnumerateArray());
        await firstStaff.Connection.InvokeAsync<JsonElement>("SendMessage", "Nur für Anna", (string?)null);
        await firstStaff.Connection.InvokeAsync("Typing", true);
        await firstStaff.Connection.InvokeAsync("SendRoomEvent", "form.opened", Empty);
        Assert.False(await hopper.ReceivesAsync("Message", TimeSpan.FromSeconds(1)));
        Assert.False(await hopper.ReceivesAsync("Typing", TimeSpan.FromMilliseconds(200)));
        Assert.False(await hopper.ReceivesAsync("RoomEvent", TimeSpan.FromMilliseconds(200)));
        var history = await hopper.Connection.InvokeAsync<JsonElement>("History", 0L);
        Assert.Equal(0, history.GetArrayLength());
    }

    [Fact]
    public async Task After_the_end_every_method_says_the_room_closed_and_a_new_join_says_so_too()
    {
        var (room, clerk) = await AcceptedRoomAsync();
        await using var resident = await Hub.ConnectAsync(factory);
        await resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
        (await factory.CreateStaffClient(clerk).PostAsync($"/api/sessions/rooms/{room.Id}/end", null)).EnsureSuccessStatusCode();
        await resident.NextAsync("Closed");

        foreach (var (method, args) in Methods)
        {
            var message = await RefusalAsync(() => resident.Connection.InvokeCoreAsync<object>(method, args));
            Assert.True(message.Contains(HubErrors.RoomClosed, StringComparison.Ordinal) || message.Contains(HubErrors.NotJoined, StringComparison.Ordinal), $"{method}: {message}");
        }
        Assert.Contains(HubErrors.RoomClosed, await RefusalAsync(() => resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L)), StringComparison.Ordinal);
        await using var staff = await Hub.ConnectAsync(factory, clerk);
        Assert.Contains(HubErrors.RoomClosed, await RefusalAsync(() => staff.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_clerk_a_supervisor_took_over_from_neither_hears_nor_speaks_in_the_room_and_the_supervisor_is_no_side_of_a_call_before()
    {
        await using var joined = await JoinedRoomAsync("Giulia Bernasconi");
        var (room, clerk, resident, clerkHub) = joined;
        var supervisor = Staff.Supervisor("residents-office");
        await using var leadHub = await Hub.ConnectAsync(factory, supervisor);
        await leadHub.Connection.InvokeAsync<JsonElement>("JoinAsSupervisor", room.Id, 0L);

        // Joined, she is no side of the call and sends none of the clerk's reserved events.
        foreach (var (method, args) in new (string, object?[])[]
        {
            ("Signal", ["offer", JsonSerializer.SerializeToElement(new { type = "offer", sdp = "v=0" })]),
            ("RequestMode", ["speak"]), ("SetMode", ["show"]), ("SetLanguage", ["fr"]),
            ("SendRoomEvent", ["identity.started", Empty]), ("SendRoomEvent", ["identity.decided", Empty]), ("SendRoomEvent", ["resident.language", Empty]),
        })
            Assert.Contains(HubErrors.Forbidden, await RefusalAsync(() => leadHub.Connection.InvokeCoreAsync<object>(method, args)), StringComparison.Ordinal);

        (await factory.CreateStaffClient(supervisor).PostAsync($"/api/sessions/rooms/{room.Id}/takeover", null)).EnsureSuccessStatusCode();
        await clerkHub.NextAsync("Closed");
        foreach (var (method, args) in Methods)
        {
            var message = await RefusalAsync(() => clerkHub.Connection.InvokeCoreAsync<object>(method, args));
            Assert.True(message.Contains(HubErrors.RoomClosed, StringComparison.Ordinal) || message.Contains(HubErrors.NotJoined, StringComparison.Ordinal), $"{method}: {message}");
        }
        Assert.Contains(HubErrors.Forbidden, await RefusalAsync(() => clerkHub.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L)), StringComparison.Ordinal);

        await using var newHolder = await Hub.ConnectAsync(factory, supervisor);
        await newHolder.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L);
        await resident.Connection.InvokeAsync<JsonElement>("SendMessage", "Nach der Übernahme", (string?)null);
        Assert.Equal("Nach der Übernahme", (await newHolder.NextAsync("Message")).GetProperty("text").GetString());
        Assert.False(await clerkHub.ReceivesAsync("Message", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_screen_share_without_a_call_is_refused_so_no_offer_reaches_the_resident_before_their_yes()
    {
        await using var joined = await JoinedRoomAsync();
        var (room, clerk, resident, staff) = joined;

        // A hand-made clerk's page: "show" with no call asked, then an offer the resident's page would answer with its camera.
        foreach (var side in new[] { staff, resident })
            Assert.Contains(HubErrors.InvalidMode, await RefusalAsync(() => side.Connection.InvokeAsync("SetMode", "show")), StringComparison.Ordinal);
        Assert.False(await resident.ReceivesAsync("ModeChanged", TimeSpan.FromSeconds(1)));
        var offer = JsonSerializer.SerializeToElement(new { type = "offer", sdp = "v=0" });
        Assert.Contains(HubErrors.NotAsked, await RefusalAsync(() => staff.Connection.InvokeAsync("Signal", "offer", offer)), StringComparison.Ordinal);
        Assert.False(await resident.ReceivesAsync("Signal", TimeSpan.FromMilliseconds(500)));

        // Asked and agreed, the call shares a screen as before; "write" ends it and is always allowed.
        await staff.Connection.InvokeAsync("RequestMode", "speak");
        await resident.Connection.InvokeAsync("AnswerMode", "speak", true);
        await staff.Connection.InvokeAsync("SetMode", "show");
        Assert.Equal("show", (await resident.NextAsync("ModeChanged")).GetProperty("mode").GetString());
        await staff.Connection.InvokeAsync("SetMode", "write");
        Assert.Equal("write", (await resident.NextAsync("ModeChanged")).GetProperty("mode").GetString());
        await resident.Connection.InvokeAsync("SetMode", "write");
    }

    [Theory]
    [InlineData("disabled")]
    [InlineData("no longer supervisor")]
    [InlineData("other department")]
    public async Task A_supervisor_whose_account_changed_is_let_out_of_the_consultation_she_joined(string change)
    {
        await using var joined = await JoinedRoomAsync("Giulia Bernasconi");
        var (room, clerk, resident, clerkHub) = joined;
        var supervisor = Staff.Supervisor("residents-office");
        await using var leadHub = await Hub.ConnectAsync(factory, supervisor);
        await leadHub.Connection.InvokeAsync<JsonElement>("JoinAsSupervisor", room.Id, 0L);

        var (roles, departments, active) = change switch
        {
            "disabled" => (new[] { "supervisor" }, new[] { "residents-office" }, false),
            "no longer supervisor" => (["clerk"], ["residents-office"], true),
            _ => (["supervisor"], ["tax-office"], true),
        };
        await factory.PublishAsync(new Municipal.Contracts.Staff.StaffAccountChanged(supervisor.Id, supervisor.Name, roles, departments, [], active, DateTimeOffset.UtcNow));

        Assert.Equal("supervision-ended", (await leadHub.NextAsync("Closed", TimeSpan.FromSeconds(30))).GetProperty("reason").GetString());
        Assert.Contains(HubErrors.RoomClosed, await RefusalAsync(() => leadHub.Connection.InvokeAsync<JsonElement>("SendMessage", "Noch da?", (string?)null)), StringComparison.Ordinal);
        await resident.Connection.InvokeAsync<JsonElement>("SendMessage", "Ohne Teamleitung", (string?)null);
        Assert.Equal("Ohne Teamleitung", (await clerkHub.NextAsync("Message")).GetProperty("text").GetString());
        Assert.False(await leadHub.ReceivesAsync("Message", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_room_event_with_a_payload_nested_too_deep_or_too_large_is_refused_and_the_room_goes_on()
    {
        await using var joined = await JoinedRoomAsync();
        var (room, clerk, resident, staff) = joined;

        var deep = JsonDocument.Parse(new string('[', 60) + new string(']', 60)).RootElement;
        await resident.Connection.InvokeAsync("SendRoomEvent", "probe.deep", deep);
        Assert.Equal("probe.deep", (await staff.NextAsync("RoomEvent")).GetProperty("type").GetString());
        var large = JsonSerializer.SerializeToElement(new { text = new string('x', SessionHub.MaxEventPayloadChars) });
        Assert.Contains(HubErrors.InvalidEvent, await RefusalAsync(() => resident.Connection.InvokeAsync("SendRoomEvent", "probe.large", large)), StringComparison.Ordinal);
        Assert.Contains(HubErrors.InvalidEvent, await RefusalAsync(() => resident.Connection.InvokeAsync("SendRoomEvent", "Form.Field", Empty)), StringComparison.Ordinal);
        Assert.Contains(HubErrors.InvalidEvent, await RefusalAsync(() => resident.Connection.InvokeAsync("SendRoomEvent", "form.field\u202E", Empty)), StringComparison.Ordinal);
        Assert.Contains(HubErrors.Forbidden, await RefusalAsync(() => resident.Connection.InvokeAsync("SendRoomEvent", "resident.missed", Empty)), StringComparison.Ordinal);
        Assert.Equal("Weiter", (await resident.Connection.InvokeAsync<JsonElement>("SendMessage", "Weiter", (string?)null)).GetProperty("text").GetString());
    }

    [Fact]
    public async Task Rapid_reconnects_of_one_resident_leave_them_in_the_room_once()
    {
        var (room, clerk) = await AcceptedRoomAsync();
        await using var staff = await Hub.ConnectAsync(factory, clerk);
        await staff.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L);
        for (var i = 0; i < 8; i++)
        {
            var hub = await Hub.ConnectAsync(factory);
            await hub.Connection.InvokeAsync<JsonElement>("JoinAsResidentOn", room.Token, 0L, "phone");
            await hub.DisposeAsync();
        }
        await using var last = await Hub.ConnectAsync(factory);
        await last.Connection.InvokeAsync<JsonElement>("JoinAsResidentOn", room.Token, 0L, "phone");

        // The clerk's list settles on the resident once, on one device, whatever order the goings and comings arrived in.
        int Devices(JsonElement presence) => presence.GetProperty("participants").EnumerateArray()
            .Where(p => p.GetProperty("role").GetString() == "resident").Sum(p => p.GetProperty("devices").GetInt32());
        var (latest, version) = (-1, -1L);
        while (true)
        {
            JsonElement presence;
            try { presence = await staff.NextAsync("Presence", TimeSpan.FromSeconds(2)); }
            catch (OperationCanceledException) { break; }
            // A page keeps the list of the highest version it heard.
            if (presence.GetProperty("version").GetInt64() > version) (latest, version) = (Devices(presence), presence.GetProperty("version").GetInt64());
        }
        Assert.Equal(1, latest);
    }
}
