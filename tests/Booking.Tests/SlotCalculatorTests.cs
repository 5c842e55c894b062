using Municipal.Booking.Model;
using Municipal.Booking.Slots;

namespace Municipal.Booking.Tests;

public class SlotCalculatorTests
{
    private static readonly TimeZoneInfo Zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");
    private static readonly Guid Anna = Guid.NewGuid();
    private static readonly Guid Ben = Guid.NewGuid();

    private static SlotRequest Request(TimeZoneInfo zone,
        IReadOnlyList<(DayOfWeek, TimeOnly, TimeSpan)> hours, DateOnly from, DateOnly to, int duration) =>
        Request(hours, from, to, duration) with { TimeZone = zone };

    private static SlotRequest Request(
        IReadOnlyList<(DayOfWeek, TimeOnly, TimeSpan)> hours, DateOnly from, DateOnly to,
        int duration = 20, int buffer = 0, Guid[]? staff = null, Busy[]? busy = null, DateOnly[]? closures = null) =>
        new(Zurich, hours, (closures ?? []).ToHashSet(), TimeSpan.FromMinutes(duration), TimeSpan.FromMinutes(buffer),
            staff ?? [Anna], busy ?? [], from, to, DateTimeOffset.MinValue);

    /// <summary>A range as the admin writes it; a closing "24:00" is the day's end.</summary>
    private static (DayOfWeek, TimeOnly, TimeSpan) Range(DayOfWeek day, string opens, string closes) =>
        (day, TimeOnly.Parse(opens), OpeningHour.TryParseCloses(closes, out var end) ? end : throw new ArgumentException(closes));

    [Fact]
    public void Several_ranges_a_day_give_slots_in_each_and_none_in_the_lunch_break()
    {
        // Winterthur's tax office: Monday 08:00–12:00 and 13:30–17:00, 30 minutes per consultation.
        var monday = new DateOnly(2026, 11, 30);
        var slots = SlotCalculator.Compute(Request([Range(DayOfWeek.Monday, "08:00", "12:00"), Range(DayOfWeek.Monday, "13:30", "17:00")],
            monday, monday, duration: 30));

        var local = slots.Select(s => TimeZoneInfo.ConvertTime(s.Start, Zurich).ToString("HH:mm")).ToList();
        Assert.Equal(8 + 7, slots.Count);
        Assert.Equal("08:00", local[0]);
        Assert.Equal("11:30", local[7]);
        Assert.Equal("13:30", local[8]);
        Assert.Equal("16:30", local[^1]);
        Assert.DoesNotContain("12:00", local);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero), slots[0].Start); // CET is UTC+1
    }

    [Fact]
    public void Buffer_spaces_the_slots_and_a_slot_must_end_before_closing()
    {
        var monday = new DateOnly(2026, 11, 30);
        var slots = SlotCalculator.Compute(Request([Range(DayOfWeek.Monday, "08:00", "09:00")], monday, monday, duration: 20, buffer: 5));
        Assert.Equal(["08:00", "08:25"], slots.Select(s => TimeZoneInfo.ConvertTime(s.Start, Zurich).ToString("HH:mm")));
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromMinutes(20), s.End - s.Start));
    }

    [Fact]
    public void Closures_remove_the_whole_day()
    {
        var hours = new[] { Range(DayOfWeek.Thursday, "08:00", "10:00"), Range(DayOfWeek.Friday, "08:00", "10:00") };
        var slots = SlotCalculator.Compute(Request(hours, new DateOnly(2027, 5, 6), new DateOnly(2027, 5, 7), duration: 60,
            closures: [new DateOnly(2027, 5, 6)])); // Ascension Day
        Assert.Equal(2, slots.Count);
        Assert.All(slots, s => Assert.Equal(new DateOnly(2027, 5, 7), SlotCalculator.LocalDate(s.Start, Zurich)));
    }

    [Fact]
    public void Spring_forward_night_skips_the_hour_that_does_not_exist()
    {
        // 2026-03-29 (last Sunday of March): 02:00 CET jumps to 03:00 CEST.
        var sunday = new DateOnly(2026, 3, 29);
        var slots = SlotCalculator.Compute(Request([Range(DayOfWeek.Sunday, "00:00", "04:00")], sunday, sunday, duration: 60));

        Assert.Equal(3, slots.Count);
        Assert.Equal(["00:00", "01:00", "03:00"], slots.Select(s => TimeZoneInfo.ConvertTime(s.Start, Zurich).ToString("HH:mm")));
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero), slots[0].Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), slots[2].Start);
    }

    [Fact]
    public void Fall_back_night_has_one_hour_more()
    {
        // 2026-10-25 (last Sunday of October): 03:00 CEST falls back to 02:00 CET; 00:00–04:00 lasts five hours.
        var sunday = new DateOnly(2026, 10, 25);
        var slots = SlotCalculator.Compute(Request([Range(DayOfWeek.Sunday, "00:00", "04:00")], sunday, sunday, duration: 60));

        Assert.Equal(5, slots.Count);
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero), slots[0].Start);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 0, 0, TimeSpan.Zero), slots[^1].Start);
        Assert.Equal(slots.Count, slots.Select(s => s.Start).Distinct().Count());
    }

    [Fact]
    public void Office_hours_keep_their_local_time_across_the_change_of_offset()
    {
        var hours = new[] { Range(DayOfWeek.Friday, "08:00", "09:00"), Range(DayOfWeek.Monday, "08:00", "09:00") };
        var slots = SlotCalculator.Compute(Request(hours, new DateOnly(2026, 3, 27), new DateOnly(2026, 3, 30), duration: 60));
        Assert.Equal(2, slots.Count);
        Assert.Equal(new DateTimeOffset(2026, 3, 27, 7, 0, 0, TimeSpan.Zero), slots[0].Start); // Friday, CET
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 6, 0, 0, TimeSpan.Zero), slots[1].Start); // Monday, CEST
    }

    [Fact]
    public void Capacity_is_the_clerks_with_the_skill_minus_their_bookings_including_buffers()
    {
        var monday = new DateOnly(2026, 11, 30);
        var eight = new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
        // Anna is booked 08:00–08:20 plus a 10-minute buffer; Ben is free.
        var slots = SlotCalculator.Compute(Request([Range(DayOfWeek.Monday, "08:00", "09:00")], monday, monday, duration: 20, buffer: 10,
            staff: [Anna, Ben], busy: [new Busy(Anna, eight, eight.AddMinutes(30)), new Busy(Ben, eight.AddMinutes(30), eight.AddMinutes(60))]));

        Assert.Equal([1, 1], slots.Select(s => s.Free));
        Assert.Equal([eight, eight.AddMinutes(30)], slots.Select(s => s.Start));
    }

    [Fact]
    public void Fully_booked_slots_and_past_slots_are_not_offered()
    {
        var monday = new DateOnly(2026, 11, 30);
        var eight = new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
        var request = Request([Range(DayOfWeek.Monday, "08:00", "09:00")], monday, monday, duration: 30,
            busy: [new Busy(Anna, eight, eight.AddMinutes(30))]) with { NotBefore = eight.AddMinutes(1) };
        Assert.Equal([eight.AddMinutes(30)], SlotCalculator.Compute(request).Select(s => s.Start));
        Assert.Empty(SlotCalculator.Compute(request with { Staff = [] }));
    }

    [Fact]
    public void The_counter_is_open_only_inside_a_range_and_not_on_a_closure()
    {
        var hours = new[] { Range(DayOfWeek.Monday, "08:00", "12:00"), Range(DayOfWeek.Monday, "13:30", "17:00") };
        var closures = new HashSet<DateOnly> { new(2027, 3, 29) };
        bool Open(int month, int day, int hour, int minute) => SlotCalculator.IsOpen(
            new DateTimeOffset(2027, month, day, hour, minute, 0, TimeSpan.Zero), Zurich, hours, closures);

        Assert.True(Open(3, 1, 7, 0));     // 08:00 CET
        Assert.False(Open(3, 1, 11, 0));   // 12:00 lunch
        Assert.True(Open(3, 1, 12, 30));   // 13:30
        Assert.False(Open(3, 1, 16, 0));   // 17:00 closed
        Assert.False(Open(3, 29, 8, 0));   // Easter Monday
        Assert.True(Open(4, 5, 6, 0));     // 08:00 CEST
    }

    [Fact]
    public void An_evening_until_24_00_gives_times_until_midnight()
    {
        // An evening counter, Monday 18:00–24:00, 30 minutes each: the last time is 23:30, and it ends at midnight.
        var monday = new DateOnly(2026, 11, 30);
        var slots = SlotCalculator.Compute(Request([Range(DayOfWeek.Monday, "18:00", "24:00")], monday, monday, duration: 30));

        Assert.Equal(12, slots.Count);
        Assert.Equal("23:30", TimeZoneInfo.ConvertTime(slots[^1].Start, Zurich).ToString("HH:mm"));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), slots[^1].End); // Tuesday 00:00 CET
        Assert.All(slots, s => Assert.Equal(monday, SlotCalculator.LocalDate(s.Start, Zurich)));
    }

    [Theory]
    // A day of 23 hours (spring forward) and one of 25 (fall back): 00:00–24:00 is the day as it really is, from one
    // local midnight to the next.
    [InlineData(2026, 3, 29, 23)]
    [InlineData(2026, 10, 25, 25)]
    [InlineData(2026, 11, 29, 24)]
    public void A_whole_day_until_24_00_has_the_hours_of_that_day_when_the_clocks_change(int year, int month, int day, int hours)
    {
        var sunday = new DateOnly(year, month, day);
        var slots = SlotCalculator.Compute(Request([Range(DayOfWeek.Sunday, "00:00", "24:00")], sunday, sunday, duration: 60));

        Assert.Equal(hours, slots.Count);
        Assert.Equal(SlotCalculator.ToInstant(sunday.AddDays(1), TimeOnly.MinValue, Zurich), slots[^1].End);
        Assert.Equal("23:00", TimeZoneInfo.ConvertTime(slots[^1].Start, Zurich).ToString("HH:mm"));
    }

    [Fact]
    public void Where_the_clocks_jump_at_midnight_a_range_until_24_00_ends_where_the_next_day_begins()
    {
        // Santiago de Chile springs forward at Saturday 24:00 (2026-09-05: Sunday begins at 01:00, UTC−3): Saturday
        // 18:00–24:00 is six hours, from 22:00 to 04:00 UTC.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var saturday = new DateOnly(2026, 9, 5);
        var slots = SlotCalculator.Compute(Request(santiago, [Range(DayOfWeek.Saturday, "18:00", "24:00")], saturday, saturday, duration: 60));

        Assert.Equal(6, slots.Count);
        Assert.Equal(new DateTimeOffset(2026, 9, 5, 22, 0, 0, TimeSpan.Zero), slots[0].Start);
        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), slots[^1].End);
    }

    [Fact]
    public void A_counter_open_until_24_00_is_open_until_the_last_minute_and_closed_at_midnight()
    {
        var hours = new[] { Range(DayOfWeek.Monday, "18:00", "24:00") };
        bool Open(int day, int hour, int minute) => SlotCalculator.IsOpen(
            new DateTimeOffset(2027, 3, day, hour, minute, 0, TimeSpan.Zero), Zurich, hours, new HashSet<DateOnly>());

        Assert.True(Open(1, 17, 0));     // Monday 18:00 CET
        Assert.True(Open(1, 22, 59));    // Monday 23:59
        Assert.False(Open(1, 23, 0));    // Tuesday 00:00: closed
        Assert.False(Open(1, 16, 59));   // Monday 17:59
    }

    [Theory]
    [InlineData("24:00", true, 24 * 60)]
    [InlineData("23:59", true, 23 * 60 + 59)]
    [InlineData("00:00", true, 0)]
    [InlineData("24:01", false, 0)]
    [InlineData("25:00", false, 0)]
    [InlineData("24:00:00", false, 0)]
    [InlineData(null, false, 0)]
    public void A_closing_time_is_HH_mm_or_24_00(string? text, bool valid, int minutes)
    {
        Assert.Equal(valid, OpeningHour.TryParseCloses(text, out var closes));
        if (valid) Assert.Equal(TimeSpan.FromMinutes(minutes), closes);
        if (valid) Assert.Equal(text, OpeningHour.FormatCloses(closes));
    }
}
