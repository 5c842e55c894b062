using Municipal.Booking.Appointments;
using Municipal.Booking.Consumers;
using Municipal.Booking.Data;
using Municipal.Booking.Jobs;
using Municipal.Booking.Mail;
using Municipal.Booking.Queue;
using Municipal.Booking.Slots;
using Municipal.Booking.Telemetry;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.Mail;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // A lost race for a clerk's time is an expected exclusion violation, handled by trying the next clerk;
        // EF would log each one as a failed command, which reads like an outage under a booking rush.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Update", LogLevel.Critical);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        builder.AddStaffAuthentication();
        builder.AddServiceDatabase<BookingDb>("bookingdb");
        builder.AddRedis();
        builder.AddMail();
        builder.AddMessaging<BookingDb>("booking", bus =>
        {
            // The mail consumers keep the queues of their former names (…MailConsumer): a queue is named after its
            // consumer, and a new name would leave the mails waiting in the old queue unsent.
            bus.AddConsumer<AppointmentBookedConsumer>().Endpoint(e => e.Name = "booking-appointment-booked-mail");
            bus.AddConsumer<AppointmentRescheduledConsumer>().Endpoint(e => e.Name = "booking-appointment-rescheduled-mail");
            bus.AddConsumer<AppointmentLinksReissuedConsumer>().Endpoint(e => e.Name = "booking-appointment-links-reissued-mail");
            bus.AddConsumer<AppointmentCancelledConsumer>().Endpoint(e => e.Name = "booking-appointment-cancelled-mail");
            bus.AddConsumer<AppointmentReminderDueConsumer>().Endpoint(e => e.Name = "booking-appointment-reminder-due-mail");
            bus.AddConsumer<QueueTicketIssuedConsumer>().Endpoint(e => e.Name = "booking-queue-ticket-mail");
            bus.AddConsumer<ResidentJoinedConsumer>();
            bus.AddConsumer<SessionStartedConsumer>();
            bus.AddConsumer<SessionEndedConsumer>();
            bus.AddConsumer<FeedbackGivenConsumer>();
            bus.AddConsumer<StaffAccountChangedConsumer>();
            bus.AddConsumer<DepartmentsRequestedConsumer>();
        });
        // The staff accounts published before this service's queue was bound are asked for again.
        builder.AddStaffDirectoryRequest<BookingDb>("booking");
        // The departments, for the document intake's inboxes (DepartmentDirectory).
        builder.Services.AddHostedService<DepartmentAnnouncement>();

        builder.Services.Configure<BookingOptions>(builder.Configuration.GetSection("Booking"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<SlotService>();
        builder.Services.AddSingleton<CalendarCache>();
        builder.Services.AddSingleton<FreeSlotCache>();
        builder.Services.AddSingleton<CalendarChangeInterceptor>();
        builder.Services.ConfigureDbContext<BookingDb>((sp, options) => options.AddInterceptors(sp.GetRequiredService<CalendarChangeInterceptor>()));
        builder.Services.AddHostedService<CalendarChangeListener>();
        builder.Services.AddScoped<AppointmentBooker>();
        builder.Services.AddSingleton<BookingGate>();
        builder.Services.AddScoped<ResidentTokens>();
        builder.Services.AddScoped<AppointmentMailSender>();
        builder.Services.AddSingleton<AppointmentMails>();
        builder.Services.AddSingleton<QueueTicketMails>();
        builder.Services.AddSingleton<LinkSeal>();
        builder.Services.AddSingleton<QueueStore>();
        builder.Services.AddSingleton<CounterPresence>();
        builder.Services.AddSingleton<LinkResendThrottle>();
        builder.Services.AddHostedService<ReminderJob>();
        builder.Services.AddHostedService<MissedTicketJob>();
        builder.Services.AddHostedService<NoShowJob>();
        builder.Services.AddSingleton<ResidentDataRetentionJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ResidentDataRetentionJob>());
        builder.Services.AddSingleton<BookingMetrics>();
        builder.Services.AddHostedService<QueueLengthGauge>();
    }
}
