using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Contracts.Booking;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Security;
using Municipal.SessionSignaling.Model;
using Municipal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Hubs;
using MassTransit;

namespace Municipal.SessionSignaling.Tests;

public sealed class RoomApiTests(SessionsFactory factory) : IClassFixture<SessionsFactory>
{
    [Fact]
    public async Task Ticket_token_resolves_to_its_room_and_nothing_else_does()
    {
        var room = await factory.IssueTicketAsync(name: "Erika Muster");

        var response = await factory.CreateResidentClient(room.Token).GetAsync("/api/sessions/rooms/current");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(room.Id, view.GetProperty("id").GetGuid());
        Assert.Equal("move", view.GetProperty("concernKey").GetString());
        Assert.Equal("residents-office", view.GetProperty("departmentKey").GetString());
        Assert.Equal("Erika Muster", view.GetProperty("citizenName").GetString());
        Assert.Equal("erika@example.org", view.GetProperty("email").GetString());
        Assert.Equal("de", view.GetProperty("language").GetString());
        Assert.Equal(room.TicketId, view.GetProperty("ticketId").GetGuid());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("appointmentId").ValueKind);
        Assert.Equal("waiting", view.GetProperty("status").GetString());
        Assert.Equal("write", view.GetProperty("mode").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateResidentClient(CapabilityToken.Create()).GetAsync("/api/sessions/rooms/current")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/sessions/rooms/current")).StatusCode);
        // A resident token opens no staff endpoint.
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateResidentClient(room.Token).GetAsync($"/api/sessions/rooms/{room.Id}")).StatusCode);
    }

    /// <summary>
    /// The staff look-up answers the clerk's <c>RoomDetails</c>, which other services read as the contract's
    /// <see cref="RoomView"/> (SessionsClient.ForStaffAsync). The two records stay apart on purpose (the contract only
    /// grows, the clerk's view follows the clerk's page), so the answer must carry every field of the contract.
    /// </summary>
    [Fact]
    public async Task The_staff_look_up_carries_every_field_of_the_room_contract()
    {
        var room = await factory.IssueTicketAsync(name: "Erika Muster");
        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office", "move"));

        var answer = await clerk.GetFromJsonAsync<JsonElement>($"/api/sessions/rooms/{room.Id}");

        var fields = answer.EnumerateObject().Select(p => p.Name).ToHashSet();
        var contract = typeof(RoomView).GetProperties().Where(p => p.SetMethod is not null).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));
        var missing = contract.Where(name => !fields.Contains(name)).ToList();
        Assert.True(missing.Count == 0, $"The staff look-up lacks {string.Join(", ", missing)}.");
        var view = answer.Deserialize<RoomView>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal((room.Id, room.TicketId, "Erika Muster", "waiting"), (view.Id, view.TicketId, view.CitizenName, view.Status));
    }

    [Fact]
    public async Task Appointment_room_follows_booking_reschedule_and_cancel()
    {
        var token = CapabilityToken.Create();
        var appointmentId = Guid.NewGuid();
        var start = DateTimeOffset.UtcNow.AddDays(1);
        await factory.PublishAsync(new AppointmentBooked(appointmentId, "residence-registration", "residents-office", start, start.AddMinutes(20),
            "Max Beispiel", "max@example.org", "en", CapabilityToken.Hash(token), start.AddHours(1), DateTimeOffset.UtcNow));
        var room = await factory.WaitForRoomAsync(r => r.AppointmentId == appointmentId);
        Assert.Equal(start.ToUnixTimeSeconds(), room.ScheduledStart!.Value.ToUnixTimeSeconds());

        var later = start.AddDays(2);
        await factory.PublishAsync(new AppointmentRescheduled(appointmentId, "residence-registration", "residents-office", later, later.AddMinutes(20), 1, later.AddHours(1), DateTimeOffset.UtcNow));
        await factory.WaitForRoomAsync(r => r.AppointmentId == appointmentId, r => r.ScheduledStart!.Value.ToUnixTimeSeconds() == later.ToUnixTimeSeconds());

        await factory.PublishAsync(new AppointmentCancelled(appointmentId, "residence-registration", "residents-office", DateTimeOffset.UtcNow, "resident"));
        await factory.WaitForRoomAsync(r => r.AppointmentId == appointmentId, r => r.Status == RoomStatus.Cancelled);
        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office", "residence-registration"));
        var accept = await clerk.PostAsJsonAsync("/api/sessions/rooms/accept", new { appointmentId });
        Assert.Equal(HttpStatusCode.Conflict, accept.StatusCode);

        // The resident's link says the appointment was cancelled, not that a consultation ended.
        await using var resident = await Hub.ConnectAsync(factory);
        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", token, 0L));
        Assert.Contains("room-cancelled", refused.Message);
    }

    /// <summary>
    /// A resident who left the queue before a clerk called them: the ticket's room closes (it stayed open until
    /// 2026-12-07, so a form could still be opened in it), its link reads that the room is closed, not that an
    /// appointment was cancelled, and no clerk can take it.
    /// </summary>
    [Fact]
    public async Task A_ticket_left_before_its_call_closes_its_room()
    {
        var room = await factory.IssueTicketAsync(name: "Lea Weg");
        await factory.PublishAsync(new QueueTicketLeft(room.TicketId!.Value, "move", "residents-office", DateTimeOffset.UtcNow));
        await factory.WaitForRoomAsync(r => r.Id == room.Id, r => r.Status == RoomStatus.Cancelled);

        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office", "move"));
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).StatusCode);
        await using var resident = await Hub.ConnectAsync(factory);
        var refused = await Assert.ThrowsAsync<HubException>(() => resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L));
        Assert.Contains("room-closed", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The room is opened in one statement (issue 18): every column a new room starts with is set, and the same booking
    /// delivered again, even under another message id (an outbox resend after a lost acknowledgement), leaves the room
    /// as it is by then, here taken by a clerk.
    /// </summary>
    [Fact]
    public async Task A_booking_opens_its_room_once_with_every_starting_value_and_a_second_delivery_changes_nothing()
    {
        var token = CapabilityToken.Create();
        var appointmentId = Guid.NewGuid();
        var start = DateTimeOffset.UtcNow.AddMinutes(30);
        var bookedAt = DateTimeOffset.UtcNow;
        var booked = new AppointmentBooked(appointmentId, "move", "residents-office", start, start.AddMinutes(20),
            "Ana Beispiel", "ana@example.org", "it", CapabilityToken.Hash(token), start.AddHours(1), bookedAt);
        await factory.PublishAsync(booked);
        var room = await factory.WaitForRoomAsync(r => r.AppointmentId == appointmentId);
        Assert.Equal((appointmentId, (Guid?)null, "move", "residents-office", "Ana Beispiel", (string?)"ana@example.org", "it", CapabilityToken.Hash(token)),
            (room.Id, room.TicketId, room.ConcernKey, room.DepartmentKey, room.CitizenName, room.Email, room.Language, room.TokenHash));
        Assert.Equal((start.AddHours(1).ToUnixTimeMilliseconds(), start.ToUnixTimeMilliseconds(), bookedAt.ToUnixTimeMilliseconds()),
            (room.ExpiresAt.ToUnixTimeMilliseconds(), room.ScheduledStart!.Value.ToUnixTimeMilliseconds(), room.CreatedAt.ToUnixTimeMilliseconds()));
        Assert.Equal((RoomStatus.Waiting, RoomModes.Write, RoomModes.ChatChannel, 0, (Guid?)null, (DateTimeOffset?)null),
            (room.Status, room.Mode, room.Channel, room.AppointmentSequence, room.StaffId, room.EndedAt));

        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office", "move"));
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsJsonAsync("/api/sessions/rooms/accept", new { appointmentId })).StatusCode);
        var again = NewId.NextGuid();
        var bus = factory.Services.GetRequiredService<IBus>();
        var consumed = new Consumed(again);
        using (bus.ConnectConsumeObserver(consumed))
        {
            await bus.Publish(booked with { CitizenName = "Someone Else" }, c => c.MessageId = again);
            await consumed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        // Opening a room is its own single statement: no inbox row, nothing else written.
        using (var scope = factory.Services.CreateScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<SessionDb>().InboxMessages.AnyAsync(m => m.MessageId == again));
        }
        var after = await factory.WaitForRoomAsync(r => r.AppointmentId == appointmentId);
        Assert.Equal((RoomStatus.Active, "Ana Beispiel"), (after.Status, after.CitizenName));
    }

    /// <summary>
    /// Taken, an appointment counts as running and its resident can no longer move or cancel it; a clerk could take one
    /// days ahead through the API (the pages list only today's). Its room opens to clerks 12 hours before its start.
    /// </summary>
    [Fact]
    public async Task An_appointment_room_cannot_be_taken_days_before_its_start_and_can_on_its_day()
    {
        var appointmentId = Guid.NewGuid();
        var start = DateTimeOffset.UtcNow.AddDays(2);
        await factory.PublishAsync(new AppointmentBooked(appointmentId, "move", "residents-office", start, start.AddMinutes(20),
            "Ana Beispiel", "ana@example.org", "de", CapabilityToken.Hash(CapabilityToken.Create()), start.AddHours(1), DateTimeOffset.UtcNow));
        var room = await factory.WaitForRoomAsync(r => r.AppointmentId == appointmentId);

        foreach (var staff in new[] { Staff.Clerk("residents-office", "move"), Staff.Supervisor("residents-office") })
        {
            var early = await factory.CreateStaffClient(staff).PostAsJsonAsync("/api/sessions/rooms/accept", new { appointmentId });
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            var problem = await early.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("appointment-not-due", problem.GetProperty("code").GetString());
            Assert.Equal(12, problem.GetProperty("codeArgs").GetProperty("hours").GetDouble());
        }
        Assert.Equal(RoomStatus.Waiting, (await factory.WaitForRoomAsync(r => r.Id == room.Id)).Status);

        // Moved to within the hour, the same room can be taken.
        var soon = DateTimeOffset.UtcNow.AddMinutes(40);
        await factory.PublishAsync(new AppointmentRescheduled(appointmentId, "move", "residents-office", soon, soon.AddMinutes(20), 1,
            soon.AddHours(1), DateTimeOffset.UtcNow));
        await factory.WaitForRoomAsync(r => r.Id == room.Id, r => r.ScheduledStart!.Value.ToUnixTimeSeconds() == soon.ToUnixTimeSeconds());
        var taken = await factory.CreateStaffClient(Staff.Clerk("residents-office", "move")).PostAsJsonAsync("/api/sessions/rooms/accept", new { appointmentId });
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
    }

    [Fact]
    public async Task After_a_rebooking_the_new_link_opens_the_room_and_the_old_one_no_longer_does()
    {
        var booked = CapabilityToken.Create();
        var appointmentId = Guid.NewGuid();
        var start = DateTimeOffset.UtcNow.AddDays(1);
        await factory.PublishAsync(new AppointmentBooked(appointmentId, "move", "residents-office", start, start.AddMinutes(20),
            "Max Beispiel", "max@example.org", "de", CapabilityToken.Hash(booked), start.AddHours(2), DateTimeOffset.UtcNow));
        var room = await factory.WaitForRoomAsync(r => r.AppointmentId == appointmentId);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateResidentClient(booked).GetAsync("/api/sessions/rooms/current")).StatusCode);

        // Booking moves the appointment and mails a fresh join link (its hash travels in the event).
        var moved = CapabilityToken.Create();
        var later = start.AddDays(2);
        await factory.PublishAsync(new AppointmentRescheduled(appointmentId, "move", "residents-office", later, later.AddMinutes(20), 1,
            later.AddHours(2), DateTimeOffset.UtcNow, CapabilityToken.Hash(moved)));
        await factory.WaitForRoomAsync(r => r.Id == room.Id, r => r.ScheduledStart!.Value.ToUnixTimeSeconds() == later.ToUnixTimeSeconds());

        var current = await factory.CreateResidentClient(moved).GetAsync("/api/sessions/rooms/current");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(room.Id, (await current.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateResidentClient(booked).GetAsync("/api/sessions/rooms/current")).StatusCode);
        await using (var hub = await Hub.ConnectAsync(factory))
        {
            var joined = await hub.Connection.InvokeAsync<JsonElement>("JoinAsResident", moved, 0L);
            Assert.Equal(room.Id, joined.GetProperty("room").GetProperty("id").GetGuid());
        }
        // The old mail's link is told apart from a room still being made: the page says at once that the newest mail's
        // link works, instead of waiting half a minute (the phone probe).
        await using (var hub = await Hub.ConnectAsync(factory))
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync<JsonElement>("JoinAsResident", booked, 0L));
            Assert.Contains(HubErrors.LinkReplaced, refused.Message);
            var unknown = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync<JsonElement>("JoinAsResident", CapabilityToken.Create(), 0L));
            Assert.Contains(HubErrors.RoomNotFound, unknown.Message);
        }

        // A second move, then the first one delivered again late: the latest link stays the one that works.
        var again = CapabilityToken.Create();
        var latest = later.AddDays(1);
        await factory.PublishAsync(new AppointmentRescheduled(appointmentId, "move", "residents-office", latest, latest.AddMinutes(20), 2,
            latest.AddHours(2), DateTimeOffset.UtcNow, CapabilityToken.Hash(again)));
        await factory.WaitForRoomAsync(r => r.Id == room.Id, r => r.ScheduledStart!.Value.ToUnixTimeSeconds() == latest.ToUnixTimeSeconds());
        var stale = MassTransit.NewId.NextGuid();
        await factory.Services.GetRequiredService<MassTransit.IBus>().Publish(new AppointmentRescheduled(appointmentId, "move", "residents-office", later,
            later.AddMinutes(20), 1, later.AddHours(2), DateTimeOffset.UtcNow, CapabilityToken.Hash(CapabilityToken.Create())), c => c.MessageId = stale);
        await Poll.UntilAsync(async () =>
        {
            using var scope = factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<SessionDb>().InboxMessages.AnyAsync(m => m.MessageId == stale);
        }, TimeSpan.FromSeconds(30), "The late reschedule was not consumed in time.");
        var final = await factory.WaitForRoomAsync(r => r.Id == room.Id);
        Assert.Equal(latest.ToUnixTimeSeconds(), final.ScheduledStart!.Value.ToUnixTimeSeconds());
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateResidentClient(again).GetAsync("/api/sessions/rooms/current")).StatusCode);
    }

    [Fact]
    public async Task An_ended_rooms_link_says_so_at_once_even_after_its_time_is_over()
    {
        var room = await factory.IssueTicketAsync();
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
            await db.Rooms.Where(r => r.Id == room.Id).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, RoomStatus.Ended).SetProperty(r => r.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }
        await using var hub = await Hub.ConnectAsync(factory);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L));
        Assert.Contains(HubErrors.RoomClosed, refused.Message);
    }

    /// <summary>How a staff member's duty report names the room among the consultations handed on (none: not listed).</summary>
    private async Task<List<string?>> HandedOnAsync(StaffIdentity who, Guid roomId)
    {
        var report = await (await factory.CreateStaffClient(who).PostAsync("/api/sessions/duty", null)).Content.ReadFromJsonAsync<JsonElement>();
        return report.GetProperty("handedOn").EnumerateArray()
            .Where(r => r.GetProperty("id").GetGuid() == roomId).Select(r => r.GetProperty("handedTo").GetString()).ToList();
    }

    [Fact]
    public async Task A_room_is_transferred_only_to_a_department_with_staff_and_the_clerk_sees_who_is_on_duty_there()
    {
        var room = await factory.IssueTicketAsync();
        var rita = Staff.Clerk("residents-office", "move");
        var clerk = factory.CreateStaffClient(rita);
        (await clerk.PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();

        // A mistyped department, or one nobody works in yet: nobody could ever take the consultation there.
        var nowhere = await clerk.PostAsJsonAsync($"/api/sessions/rooms/{room.Id}/transfer", new { toDepartmentKey = "building-office" });
        Assert.Equal(HttpStatusCode.BadRequest, nowhere.StatusCode);
        var refused = await nowhere.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("department-without-staff", refused.GetProperty("reasons").GetProperty("toDepartmentKey").GetString());
        Assert.Equal("active", (await factory.WaitForRoomAsync(r => r.Id == room.Id)).Status);

        // The clerk's list: departments with staff, and how many others of each are on duty now (herself not counted).
        (await clerk.PostAsync("/api/sessions/duty", null)).EnsureSuccessStatusCode();
        var tobias = Staff.Clerk("tax-office");
        (await factory.CreateStaffClient(tobias).PostAsync("/api/sessions/duty", null)).EnsureSuccessStatusCode();
        var duty = await clerk.GetFromJsonAsync<JsonElement>("/api/sessions/duty");
        var onDuty = duty.EnumerateArray().ToDictionary(d => d.GetProperty("key").GetString()!, d => d.GetProperty("onDuty").GetInt32());
        Assert.Equal(1, onDuty["tax-office"]);
        Assert.Equal(0, onDuty["residents-office"]);
        Assert.False(onDuty.ContainsKey("building-office"));
        Assert.False((await factory.CreateResidentClient(room.Token).GetAsync("/api/sessions/duty")).IsSuccessStatusCode);

        // A department the staff accounts name (the gateway announces every account) is one to transfer to.
        await factory.PublishAsync(new Municipal.Contracts.Staff.StaffAccountChanged(Guid.NewGuid(), "Bea Bau", ["clerk"], ["building-office"], [], true, DateTimeOffset.UtcNow));
        await Poll.UntilAsync(async () =>
        {
            using var scope = factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<SessionDb>().KnownDepartments.AnyAsync(d => d.Key == "building-office");
        }, TimeSpan.FromSeconds(30), "The staff account was not consumed in time.");
        var listed = await clerk.GetFromJsonAsync<JsonElement>("/api/sessions/duty");
        Assert.Contains(listed.EnumerateArray(), d => d.GetProperty("key").GetString() == "building-office" && d.GetProperty("onDuty").GetInt32() == 0);
        var moved = await clerk.PostAsJsonAsync($"/api/sessions/rooms/{room.Id}/transfer", new { toDepartmentKey = "building-office" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("building-office", (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("departmentKey").GetString());

        // Anyone of the building office learns it on their next report (every staff page reports in), nobody else.
        Assert.Equal(["department"], await HandedOnAsync(Staff.Clerk("building-office"), room.Id));
        Assert.Empty(await HandedOnAsync(tobias, room.Id));
        Assert.Empty(await HandedOnAsync(rita, room.Id));
    }

    [Fact]
    public async Task Accept_checks_department_and_skill_and_gives_the_room_to_one_clerk()
    {
        var room = await factory.IssueTicketAsync(concern: "dog-registration");

        var invalid = await factory.CreateStaffClient(Staff.Clerk("residents-office", "dog-registration")).PostAsJsonAsync("/api/sessions/rooms/accept", new { });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("ticketId", out _));

        var otherDepartment = await factory.CreateStaffClient(Staff.Clerk("tax-office", "dog-registration")).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId });
        Assert.Equal(HttpStatusCode.Forbidden, otherDepartment.StatusCode);
        var noSkill = await factory.CreateStaffClient(Staff.Clerk("residents-office", "move")).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId });
        Assert.Equal(HttpStatusCode.Forbidden, noSkill.StatusCode);

        var clerk = Staff.Clerk("residents-office", "dog-registration");
        var accepted = await factory.CreateStaffClient(clerk).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var details = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("active", details.GetProperty("status").GetString());
        Assert.Equal(clerk.Id, details.GetProperty("staffId").GetGuid());

        var again = await factory.CreateStaffClient(clerk).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var colleague = await factory.CreateStaffClient(Staff.Clerk("residents-office", "dog-registration")).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId });
        Assert.Equal(HttpStatusCode.Conflict, colleague.StatusCode);

        var started = Assert.Single(await factory.EventsAsync<SessionStarted>(room.Id));
        Assert.Equal(clerk.Id, started.GetProperty("staffId").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateStaffClient(Staff.Clerk("tax-office")).GetAsync($"/api/sessions/rooms/{room.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_resident_coming_in_while_the_clerk_accepts_neither_refuses_the_clerk_nor_loses_the_join()
    {
        // Both write the room's row; whoever comes second used to lose: the clerk was told a colleague had the
        // resident, or the resident's join was never announced.
        var clerk = Staff.Clerk("residents-office", "move");
        for (var i = 0; i < 12; i++)
        {
            var room = await factory.IssueTicketAsync(name: $"Gleichzeitig {i}");
            await using var resident = await Hub.ConnectAsync(factory);
            var join = resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
            var accept = factory.CreateStaffClient(clerk).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId });
            await join;

            Assert.Equal(HttpStatusCode.OK, (await accept).StatusCode);
            var stored = await factory.WaitForRoomAsync(r => r.Id == room.Id);
            Assert.Equal(clerk.Id, stored.StaffId);
            Assert.NotNull(stored.ResidentJoinedAt);
            Assert.Single(await factory.EventsAsync<ResidentJoined>(room.Id));
            Assert.Single(await factory.EventsAsync<SessionStarted>(room.Id));
        }
    }

    [Fact]
    public async Task The_clerk_ends_the_room_while_the_resident_switches_to_video_and_is_not_refused()
    {
        for (var i = 0; i < 12; i++)
        {
            // A clerk each turn: one clerk joining and asking twelve times within seconds meets her own hub budget.
            var clerk = Staff.Clerk("residents-office", "move");
            var room = await factory.IssueTicketAsync(name: $"Ende {i}");
            (await factory.CreateStaffClient(clerk).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();
            await using var resident = await Hub.ConnectAsync(factory);
            await resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
            await using var staff = await Hub.ConnectAsync(factory, clerk);
            await staff.Connection.InvokeAsync<JsonElement>("JoinAsStaff", room.Id, 0L);
            await staff.Connection.InvokeAsync("RequestMode", "speak");

            var switching = resident.Connection.InvokeAsync("AnswerMode", "speak", true);
            var end = factory.CreateStaffClient(clerk).PostAsync($"/api/sessions/rooms/{room.Id}/end", null);
            try { await switching; } catch (Microsoft.AspNetCore.SignalR.HubException) { /* the room may be over first */ }

            Assert.Equal(HttpStatusCode.OK, (await end).StatusCode);
            Assert.Single(await factory.EventsAsync<SessionEnded>(room.Id));
        }
    }

    [Fact]
    public async Task Accept_waits_for_a_room_whose_booking_event_is_still_in_flight()
    {
        var token = CapabilityToken.Create();
        var ticketId = Guid.NewGuid();
        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office", "move"));
        var accept = clerk.PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId });
        await Task.Delay(500);
        var now = DateTimeOffset.UtcNow;
        await factory.PublishAsync(new QueueTicketIssued(
            ticketId, "move", "residents-office", "Late Event", null, "de", CapabilityToken.Hash(token), now, now.AddHours(1)));
        Assert.Equal(HttpStatusCode.OK, (await accept).StatusCode);
    }

    [Fact]
    public async Task Transfer_keeps_the_room_for_the_named_colleague_and_end_reports_times_then_feedback_is_stored_once()
    {
        var room = await factory.IssueTicketAsync();
        var first = Staff.Clerk("residents-office", "move");
        var second = Staff.Clerk("residents-office");
        var firstClient = factory.CreateStaffClient(first);
        var resident = factory.CreateResidentClient(room.Token);
        var early = await resident.PostAsJsonAsync("/api/sessions/rooms/current/feedback", new { score = 5 });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        (await firstClient.PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();

        var noTarget = await firstClient.PostAsJsonAsync($"/api/sessions/rooms/{room.Id}/transfer", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noTarget.StatusCode);
        Assert.True((await noTarget.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("toStaffId", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateStaffClient(second).PostAsJsonAsync($"/api/sessions/rooms/{room.Id}/transfer", new { toStaffId = second.Id })).StatusCode);

        // Only to a colleague on duty in the receiving department: handed to anyone else, the room would wait for
        // someone who never comes.
        var taxClerk = Staff.Clerk("tax-office");
        (await factory.CreateStaffClient(taxClerk).PostAsync("/api/sessions/duty", null)).EnsureSuccessStatusCode();
        foreach (var nobody in new[] { Guid.NewGuid(), second.Id, taxClerk.Id })
        {
            var refused = await firstClient.PostAsJsonAsync($"/api/sessions/rooms/{room.Id}/transfer", new { toStaffId = nobody });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("colleague-not-on-duty", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetProperty("toStaffId").GetString());
        }
        Assert.Empty(await factory.EventsAsync<SessionTransferred>(room.Id));
        (await factory.CreateStaffClient(second).PostAsync("/api/sessions/duty", null)).EnsureSuccessStatusCode();
        (await firstClient.PostAsJsonAsync($"/api/sessions/rooms/{room.Id}/transfer", new { toStaffId = second.Id })).EnsureSuccessStatusCode();
        var transferred = Assert.Single(await factory.EventsAsync<SessionTransferred>(room.Id));
        Assert.Equal(first.Id, transferred.GetProperty("fromStaffId").GetGuid());
        Assert.Equal(second.Id, transferred.GetProperty("toStaffId").GetGuid());

        var someoneElse = await factory.CreateStaffClient(Staff.Clerk("residents-office", "move")).PostAsJsonAsync("/api/sessions/rooms/accept", new { sessionId = room.Id });
        Assert.Equal(HttpStatusCode.Conflict, someoneElse.StatusCode);
        var secondClient = factory.CreateStaffClient(second);
        (await secondClient.PostAsJsonAsync("/api/sessions/rooms/accept", new { sessionId = room.Id })).EnsureSuccessStatusCode();
        Assert.Single(await factory.EventsAsync<SessionStarted>(room.Id));


        var ended = await secondClient.PostAsync($"/api/sessions/rooms/{room.Id}/end", null);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var end = Assert.Single(await factory.EventsAsync<SessionEnded>(room.Id));
        Assert.Equal(second.Id, end.GetProperty("staffId").GetGuid());
        Assert.Equal("chat", end.GetProperty("channel").GetString());
        Assert.True(TimeSpan.Parse(end.GetProperty("handlingTime").GetString()!) > TimeSpan.Zero);
        Assert.True(TimeSpan.Parse(end.GetProperty("waitingTime").GetString()!) > TimeSpan.Zero);

        var badScore = await resident.PostAsJsonAsync("/api/sessions/rooms/current/feedback", new { score = 6, comment = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, badScore.StatusCode);
        Assert.True((await badScore.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("score", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await resident.PostAsJsonAsync("/api/sessions/rooms/current/feedback", new { score = 4, comment = " Freundlich und schnell " })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await resident.PostAsJsonAsync("/api/sessions/rooms/current/feedback", new { score = 1 })).StatusCode);
        var feedback = Assert.Single(await factory.EventsAsync<FeedbackGiven>(room.Id));
        Assert.Equal(4, feedback.GetProperty("score").GetInt32());
        Assert.Equal("Freundlich und schnell", feedback.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task A_room_handed_to_a_colleague_who_does_not_come_is_taken_by_a_supervisor_of_the_department()
    {
        var room = await factory.IssueTicketAsync();
        var first = Staff.Clerk("residents-office", "move");
        var second = Staff.Clerk("residents-office");
        var firstClient = factory.CreateStaffClient(first);
        (await firstClient.PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();
        (await factory.CreateStaffClient(second).PostAsync("/api/sessions/duty", null)).EnsureSuccessStatusCode();
        (await firstClient.PostAsJsonAsync($"/api/sessions/rooms/{room.Id}/transfer", new { toStaffId = second.Id })).EnsureSuccessStatusCode();

        // It is listed for her, and for the department's supervisors (in case she does not come), not for other clerks.
        Assert.Equal(["you"], await HandedOnAsync(second, room.Id));
        var supervisor = Staff.Supervisor("residents-office");
        Assert.Equal(["colleague"], await HandedOnAsync(supervisor, room.Id));
        Assert.Empty(await HandedOnAsync(Staff.Clerk("residents-office", "move"), room.Id));
        Assert.Empty(await HandedOnAsync(Staff.Supervisor("tax-office"), room.Id));

        // Sonja closes her page instead: a clerk may not take the room, a supervisor of another department neither,
        // the department's supervisor does.
        var clerk = await factory.CreateStaffClient(Staff.Clerk("residents-office", "move")).PostAsJsonAsync("/api/sessions/rooms/accept", new { sessionId = room.Id });
        Assert.Equal(HttpStatusCode.Conflict, clerk.StatusCode);
        Assert.Equal("transferred-to-colleague", (await clerk.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var elsewhere = await factory.CreateStaffClient(Staff.Supervisor("tax-office")).PostAsJsonAsync("/api/sessions/rooms/accept", new { sessionId = room.Id });
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        var taken = await factory.CreateStaffClient(supervisor).PostAsJsonAsync("/api/sessions/rooms/accept", new { sessionId = room.Id });
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(supervisor.Id, (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("staffId").GetGuid());
    }

    [Fact]
    public async Task Ice_servers_carry_coturn_shared_secret_credentials_for_participants_only()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/sessions/ice-servers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateResidentClient(CapabilityToken.Create()).GetAsync("/api/sessions/ice-servers")).StatusCode);

        var room = await factory.IssueTicketAsync();
        var body = await factory.CreateResidentClient(room.Token).GetFromJsonAsync<JsonElement>("/api/sessions/ice-servers");
        var servers = body.GetProperty("iceServers").EnumerateArray().ToList();
        Assert.Contains(servers, s => s.GetProperty("urls")[0].GetString() == "stun:127.0.0.1:3478");
        var turn = servers.Single(s => s.TryGetProperty("username", out var u) && u.ValueKind == JsonValueKind.String);
        var username = turn.GetProperty("username").GetString()!;
        var expiry = DateTimeOffset.FromUnixTimeSeconds(long.Parse(username.Split(':')[0]));
        Assert.InRange(expiry, DateTimeOffset.UtcNow.AddMinutes(30), DateTimeOffset.UtcNow.AddDays(1));
        Assert.Equal(room.Id.ToString("N"), username.Split(':')[1]);
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA1.HashData(
            System.Text.Encoding.UTF8.GetBytes(SessionsFactory.TurnSecret), System.Text.Encoding.UTF8.GetBytes(username)));
        Assert.Equal(expected, turn.GetProperty("credential").GetString());

        var staff = await factory.CreateStaffClient(Staff.Clerk("tax-office")).GetAsync("/api/sessions/ice-servers");
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
    }

    /// <summary>
    /// A consultation the clerk took and never ended (page closed) stayed "active" for good: booking kept its appointment
    /// "running" and the statistics never saw it. Once its link has expired it is ended as of that time, once; a room
    /// whose link still works, and one nobody took, stay as they are.
    /// </summary>
    [Fact]
    public async Task A_taken_room_left_open_after_its_link_expired_is_ended_as_of_the_expiry_and_reported_once()
    {
        var clerk = Staff.Clerk("residents-office", "move");
        var abandoned = await factory.IssueTicketAsync(name: "Offen Gelassen");
        var running = await factory.IssueTicketAsync(name: "Noch Dabei");
        var untaken = await factory.IssueTicketAsync(name: "Nie Genommen");
        foreach (var room in new[] { abandoned, running })
            (await factory.CreateStaffClient(clerk).PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();
        await using var resident = await Hub.ConnectAsync(factory);
        await resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", abandoned.Token, 0L);
        // Taken an hour and a half ago; its link expired half an hour ago.
        var expired = DateTimeOffset.UtcNow.AddMinutes(-30);
        var taken = expired.AddHours(-1);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
            await db.Rooms.Where(r => r.Id == abandoned.Id || r.Id == untaken.Id)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.ExpiresAt, expired));
            await db.Rooms.Where(r => r.Id == abandoned.Id)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.FirstAcceptedAt, taken).SetProperty(x => x.AcceptedAt, taken));
        }

        var job = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Jobs.AbandonedRoomJob>().Single();
        // Twice (and the service's own pass may come between): the room is ended and reported once.
        await job.RunOnceAsync(CancellationToken.None);
        await job.RunOnceAsync(CancellationToken.None);

        var closed = await resident.NextAsync("Closed");
        Assert.Equal("ended", closed.GetProperty("reason").GetString());
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
            var rooms = await db.Rooms.AsNoTracking().Where(r => r.Id == abandoned.Id || r.Id == running.Id || r.Id == untaken.Id).ToDictionaryAsync(r => r.Id);
            Assert.Equal(RoomStatus.Ended, rooms[abandoned.Id].Status);
            Assert.Equal(expired, rooms[abandoned.Id].EndedAt!.Value, TimeSpan.FromMilliseconds(1));
            Assert.Equal(RoomStatus.Active, rooms[running.Id].Status);
            Assert.Equal(RoomStatus.Waiting, rooms[untaken.Id].Status);
        }
        var ended = Assert.Single(await factory.EventsAsync<SessionEnded>(abandoned.Id));
        Assert.Equal(clerk.Id, ended.GetProperty("staffId").GetGuid());
        Assert.Equal(expired, ended.GetProperty("endedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.FromHours(1), TimeSpan.Parse(ended.GetProperty("handlingTime").GetString()!));
        Assert.Empty(await factory.EventsAsync<SessionEnded>(running.Id));
        Assert.Empty(await factory.EventsAsync<SessionEnded>(untaken.Id));
    }

    /// <summary>
    /// A room handed on to the department and never taken again held no clerk, so it stayed "waiting" after its link
    /// expired and its appointment "running". It now ends the same way, in the name of the clerk who handed it on.
    /// </summary>
    [Fact]
    public async Task A_room_handed_on_and_never_taken_again_is_ended_in_the_name_of_who_handed_it_on()
    {
        var clerk = Staff.Clerk("residents-office", "move");
        var room = await factory.IssueTicketAsync(name: "Weiter Gegeben");
        var client = factory.CreateStaffClient(clerk);
        (await client.PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();
        await factory.PublishAsync(new Municipal.Contracts.Staff.StaffAccountChanged(Guid.NewGuid(), "Rolf Rat", ["clerk"], ["residents-office"], [], true, DateTimeOffset.UtcNow));
        await Poll.UntilAsync(async () =>
        {
            using var scope = factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<SessionDb>().KnownDepartments.AnyAsync(d => d.Key == "residents-office");
        }, TimeSpan.FromSeconds(30), "The staff account was not consumed in time.");
        (await client.PostAsJsonAsync($"/api/sessions/rooms/{room.Id}/transfer", new { toDepartmentKey = "residents-office" })).EnsureSuccessStatusCode();
        await using var resident = await Hub.ConnectAsync(factory);
        await resident.Connection.InvokeAsync<JsonElement>("JoinAsResident", room.Token, 0L);
        var expired = DateTimeOffset.UtcNow.AddMinutes(-10);
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SessionDb>().Rooms.Where(r => r.Id == room.Id)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.ExpiresAt, expired).SetProperty(x => x.FirstAcceptedAt, expired.AddMinutes(-20)));
        }

        var job = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Jobs.AbandonedRoomJob>().Single();
        await job.RunOnceAsync(CancellationToken.None);

        Assert.Equal("ended", (await resident.NextAsync("Closed")).GetProperty("reason").GetString());
        var after = await factory.WaitForRoomAsync(r => r.Id == room.Id);
        Assert.Equal((RoomStatus.Ended, (Guid?)null), (after.Status, after.StaffId));
        var ended = Assert.Single(await factory.EventsAsync<SessionEnded>(room.Id));
        Assert.Equal(clerk.Id, ended.GetProperty("staffId").GetGuid());
        Assert.Equal(TimeSpan.FromMinutes(20), TimeSpan.Parse(ended.GetProperty("handlingTime").GetString()!));
    }
}
