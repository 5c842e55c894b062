using Municipal.ServiceDefaults;

namespace Municipal.Booking.Mail;

/// <summary>
/// The words of the resident's appointment mails in one language. Every language of <see cref="Languages.All"/>
/// has a complete set (a test checks it); Leichte Sprache says the same in short sentences, one statement each.
/// Placeholders: {name}, {concern}, {when}, {department}.
/// </summary>
public sealed record AppointmentMailTexts(
    string DateFormat, string TimeSuffix,
    string SubjectConfirmation, string SubjectRescheduled, string SubjectReminder, string SubjectCancelled, string SubjectResent,
    string Greeting,
    string Confirmation, string Rescheduled, string Reminder, string Cancelled, string Resent,
    string Concern, string When, string Join, string Manage, string Documents, string IdentityCheck, string Closing)
{
    /// <summary>The cancellation by a day the city closed: {department}, {reason} (the closure's, in the language) and {book}, the link to book anew.</summary>
    public required string CancelledClosed { get; init; }

    public static readonly IReadOnlyDictionary<string, AppointmentMailTexts> All = new Dictionary<string, AppointmentMailTexts>
    {
        [Languages.German] = new(
            "dddd, d. MMMM yyyy", " Uhr",
            "Terminbestätigung: {concern}, {when}", "Termin verschoben: {concern}, neu {when}",
            "Erinnerung an Ihren Termin: {concern}, {when}", "Termin abgesagt: {concern}, {when}", "Ihre Links zum Termin: {concern}, {when}",
            "Guten Tag {name}",
            "Ihr Termin am digitalen Schalter ist gebucht.",
            "Ihr Termin wurde verschoben. Der bisherige Link zum Gespräch gilt nicht mehr; bitte verwenden Sie den neuen unten.",
            "Wir erinnern Sie an Ihren Termin am digitalen Schalter.",
            "Ihr Termin wurde abgesagt. Sie können jederzeit einen neuen Termin buchen.",
            "Sie haben die Links zu Ihrem Termin erneut angefordert. Die Links aus früheren Mails gelten nicht mehr; bitte verwenden Sie die neuen unten.",
            "Anliegen", "Wann",
            "Zum Video-Gespräch (ohne App, öffnen Sie den Link einige Minuten vorher):",
            "Termin absagen oder verschieben:",
            "Bitte halten Sie diese Unterlagen bereit:",
            "Sie zeigen Ihren Ausweis oder Pass in die Kamera; bitte verwenden Sie ein Gerät mit Kamera.",
            "Freundliche Grüsse\n{department}")
        {
            CancelledClosed = "Leider müssen wir Ihren Termin absagen: {department} ist an diesem Tag geschlossen ({reason}). Bitte entschuldigen Sie. Einen neuen Termin buchen Sie hier:\n{book}",
        },
        [Languages.English] = new(
            "dddd, d MMMM yyyy", "",
            "Appointment confirmed: {concern}, {when}", "Appointment moved: {concern}, now {when}",
            "Reminder of your appointment: {concern}, {when}", "Appointment cancelled: {concern}, {when}", "Your appointment links: {concern}, {when}",
            "Dear {name},",
            "Your appointment at the digital counter is booked.",
            "Your appointment has been moved. The previous link to the meeting no longer works; please use the new one below.",
            "This is a reminder of your appointment at the digital counter.",
            "Your appointment has been cancelled. You can book a new one at any time.",
            "You asked for the links to your appointment again. The links in earlier mails no longer work; please use the new ones below.",
            "Concern", "When",
            "Join the video consultation (no app needed, open the link a few minutes early):",
            "Cancel or move the appointment:",
            "Please have these documents ready:",
            "You will show your identity card or passport to the camera, so please use a device with a camera.",
            "Kind regards\n{department}")
        {
            CancelledClosed = "We are sorry to have to cancel your appointment: {department} is closed that day ({reason}). Please excuse us. You can book a new appointment here:\n{book}",
        },
        [Languages.French] = new(
            "dddd d MMMM yyyy", "",
            "Confirmation de rendez-vous : {concern}, {when}", "Rendez-vous déplacé : {concern}, désormais le {when}",
            "Rappel de votre rendez-vous : {concern}, {when}", "Rendez-vous annulé : {concern}, {when}", "Vos liens pour le rendez-vous : {concern}, {when}",
            "Bonjour {name},",
            "Votre rendez-vous au guichet numérique est réservé.",
            "Votre rendez-vous a été déplacé. L’ancien lien vers l’entretien n’est plus valable ; veuillez utiliser le nouveau lien ci-dessous.",
            "Nous vous rappelons votre rendez-vous au guichet numérique.",
            "Votre rendez-vous a été annulé. Vous pouvez en réserver un nouveau à tout moment.",
            "Vous avez demandé à nouveau les liens de votre rendez-vous. Les liens des e-mails précédents ne sont plus valables ; veuillez utiliser les nouveaux liens ci-dessous.",
            "Démarche", "Date",
            "Accéder à l’entretien vidéo (sans application ; ouvrez le lien quelques minutes à l’avance) :",
            "Annuler ou déplacer le rendez-vous :",
            "Veuillez préparer les documents suivants :",
            "Vous présenterez votre carte d’identité ou votre passeport devant la caméra ; veuillez utiliser un appareil équipé d’une caméra.",
            "Meilleures salutations\n{department}")
        {
            CancelledClosed = "Nous devons malheureusement annuler votre rendez-vous\u00a0: {department} est fermé ce jour-là ({reason}). Veuillez nous en excuser. Vous pouvez réserver un nouveau rendez-vous ici\u00a0:\n{book}",
        },
        [Languages.Italian] = new(
            "dddd d MMMM yyyy", "",
            "Conferma dell’appuntamento: {concern}, {when}", "Appuntamento spostato: {concern}, ora il {when}",
            "Promemoria del vostro appuntamento: {concern}, {when}", "Appuntamento annullato: {concern}, {when}", "I vostri link per l’appuntamento: {concern}, {when}",
            "Buongiorno {name},",
            "Il vostro appuntamento allo sportello digitale è prenotato.",
            "Il vostro appuntamento è stato spostato. Il link precedente al colloquio non è più valido; utilizzate il nuovo link qui sotto.",
            "Vi ricordiamo il vostro appuntamento allo sportello digitale.",
            "Il vostro appuntamento è stato annullato. Potete prenotarne uno nuovo in qualsiasi momento.",
            "Avete richiesto di nuovo i link del vostro appuntamento. I link delle e-mail precedenti non sono più validi; utilizzate i nuovi link qui sotto.",
            "Pratica", "Quando",
            "Accedere al colloquio video (senza app; aprite il link qualche minuto prima):",
            "Annullare o spostare l’appuntamento:",
            "Tenete pronti i seguenti documenti:",
            "Mostrerete la carta d’identità o il passaporto davanti alla telecamera; utilizzate quindi un apparecchio con telecamera.",
            "Cordiali saluti\n{department}")
        {
            CancelledClosed = "Purtroppo dobbiamo annullare il vostro appuntamento: {department} è chiuso quel giorno ({reason}). Vogliate scusarci. Potete prenotare un nuovo appuntamento qui:\n{book}",
        },
        [Languages.EasyGerman] = new(
            "dddd, d. MMMM yyyy", " Uhr",
            "Ihr Termin ist gebucht: {concern}, {when}", "Ihr Termin ist jetzt zu einer anderen Zeit: {concern}, {when}",
            "Denken Sie an Ihren Termin: {concern}, {when}", "Ihr Termin fällt aus: {concern}, {when}", "Ihre Links für den Termin: {concern}, {when}",
            "Guten Tag {name}",
            "Sie haben einen Termin beim digitalen Schalter.\nDer digitale Schalter ist das Amt im Internet.\nSie sprechen mit uns über Video.\nVideo heisst: Wir sehen und hören uns am Bildschirm.",
            "Ihr Termin ist jetzt zu einer anderen Zeit.\nDer alte Link geht nicht mehr.\nBitte nehmen Sie den neuen Link.\nDer neue Link steht weiter unten.",
            "Sie haben bald einen Termin beim digitalen Schalter.\nWir sprechen mit Ihnen über Video.",
            "Ihr Termin fällt aus.\nSie können einen neuen Termin machen.\nDas geht jederzeit.",
            "Sie wollten die Links für Ihren Termin noch einmal.\nHier sind neue Links.\nDie alten Links gehen nicht mehr.",
            "Darum geht es", "Wann",
            "So kommen Sie zum Gespräch:\nKlicken Sie auf diesen Link.\nSie brauchen keine App.\nKlicken Sie ein paar Minuten vor dem Termin.",
            "Sie können nicht kommen?\nOder Sie möchten eine andere Zeit?\nDann klicken Sie auf diesen Link:",
            "Bitte legen Sie diese Papiere bereit:",
            "Wir müssen sehen, wer Sie sind.\nZeigen Sie uns Ihren Ausweis oder Ihren Pass.\nSie halten ihn vor die Kamera.\nDarum brauchen Sie ein Gerät mit Kamera.\nZum Beispiel ein Handy.",
            "Freundliche Grüsse\n{department}")
        {
            CancelledClosed = "Wir müssen Ihren Termin absagen.\n{department} ist an diesem Tag zu.\nDer Grund ist: {reason}.\nDas tut uns leid.\nSie können einen neuen Termin buchen.\nHier ist der Link:\n{book}",
        },
    };

    public static AppointmentMailTexts For(string? language) => All[Languages.OrGerman(language)];
}
