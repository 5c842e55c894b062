namespace Municipal.Gateway.Security;

/// <summary>The sign-in events the audit log records, as keys the log page translates and filters by.</summary>
public static class SignInEvents
{
    public const string SignedIn = "signedIn";
    public const string SignedOut = "signedOut";

    /// <summary>A user name that matches no account: the name typed is not stored (it is often a password typed into the wrong field).</summary>
    public const string UnknownAccount = "unknownAccount";

    public const string DisabledAccount = "disabledAccount";
    public const string WrongPassword = "wrongPassword";

    /// <summary>The password was right, the second factor's code was not given.</summary>
    public const string CodeMissing = "codeMissing";

    public const string WrongCode = "wrongCode";

    /// <summary>This failure locked the account (<c>Auth:MaxFailedAttempts</c>).</summary>
    public const string LockoutBegun = "lockoutBegun";

    /// <summary>A sign-in (or password check) refused because the account is locked.</summary>
    public const string WhileLockedOut = "whileLockedOut";

    /// <summary>A wrong current password on the password change.</summary>
    public const string PasswordChangeFailed = "passwordChangeFailed";

    public static readonly string[] All =
    [
        SignedIn, SignedOut, UnknownAccount, DisabledAccount, WrongPassword, CodeMissing, WrongCode, LockoutBegun, WhileLockedOut, PasswordChangeFailed,
    ];

    /// <summary>The filter's word for every event but a sign-in and a sign-out.</summary>
    public const string Failed = "failed";

    public static readonly string[] Failures = All.Except([SignedIn, SignedOut]).ToArray();

    /// <summary>What the log's <c>event</c> filter takes: an event or <see cref="Failed"/>.</summary>
    public static string[]? Matching(string key) => key == Failed ? Failures : All.Contains(key) ? [key] : null;
}
