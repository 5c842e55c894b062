extern alias booking;
extern alias sessions;
extern alias identity;
extern alias forms;
extern alias documents;

namespace Municipal.Security.Tests;

public sealed class BookingMatrix(BookingService service) : AuthorizationMatrix<booking::Program>(service, "booking"), IClassFixture<BookingService>;

public sealed class SessionsMatrix(SessionsService service) : AuthorizationMatrix<sessions::Program>(service, "sessions"), IClassFixture<SessionsService>;

public sealed class IdentityMatrix(IdentityService service) : AuthorizationMatrix<identity::Program>(service, "identity"), IClassFixture<IdentityService>;

public sealed class FormsMatrix(FormsService service) : AuthorizationMatrix<forms::Program>(service, "forms"), IClassFixture<FormsService>;

public sealed class DocumentsMatrix(DocumentsService service) : AuthorizationMatrix<documents::Program>(service, "documents"), IClassFixture<DocumentsService>;
