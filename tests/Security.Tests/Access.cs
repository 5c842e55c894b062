namespace Municipal.Security.Tests;

/// <summary>Who may call an endpoint.</summary>
public enum Access
{
    /// <summary>Anyone: public information (concerns, form definitions) or the kiosk.</summary>
    Public,

    /// <summary>A resident with a capability token for their own appointment, ticket, room, draft, dossier or upload.</summary>
    Resident,

    /// <summary>Signed-in staff (clerk, supervisor, admin), within their departments.</summary>
    Staff,

    Supervisor,

    Admin,

    /// <summary>Another service of the system (service token).</summary>
    Service,
}
