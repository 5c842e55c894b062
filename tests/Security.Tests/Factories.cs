extern alias booking;
extern alias sessions;
extern alias identity;
extern alias forms;
extern alias documents;

using Municipal.Testing;

namespace Municipal.Security.Tests;

public sealed class BookingService() : ServiceFactory<booking::Program>("bookingdb");

public sealed class SessionsService() : ServiceFactory<sessions::Program>("sessiondb");

public sealed class IdentityService() : ServiceFactory<identity::Program>("identitydb")
{
    protected override IEnumerable<KeyValuePair<string, string>> Configure() =>
        [new("Identity:DocumentNumberKey", "matrix-test-key-that-is-long-enough-0123456789")];
}

public sealed class FormsService() : ServiceFactory<forms::Program>("formdb");

public sealed class DocumentsService() : ServiceFactory<documents::Program>("documentdb")
{
    protected override IEnumerable<KeyValuePair<string, string>> Configure() =>
        [new("Documents:StoragePath", Path.Combine(Path.GetTempPath(), "municipal-matrix-" + Guid.NewGuid().ToString("N")))];
}
