using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ProctorWeb.Exams;

/// <summary>
/// A student is known by the invitation they redeemed on the join page: that page signs them in
/// with this cookie scheme, and the exam hub reads who they are from it, never from what they send.
/// </summary>
public static class InvitationAuth
{
    public const string Scheme = "Invitation";
    public const string RosterEntryClaim = "roster_entry";

    public static AuthenticationBuilder AddInvitationCookie(this AuthenticationBuilder builder) =>
        builder.AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "proctorweb.invitation";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/Join/Missing";
            o.AccessDeniedPath = "/Join/Missing";
            o.SlidingExpiration = false;
        });

    public static ClaimsPrincipal Principal(int rosterEntryId, string name) =>
        new(new ClaimsIdentity(
            [
                new Claim(RosterEntryClaim, rosterEntryId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, name),
            ], Scheme));

    /// <summary>The roster entry of the invitation this browser redeemed, if any.</summary>
    public static int? RosterEntryId(this ClaimsPrincipal? user) =>
        user?.Identities.FirstOrDefault(i => i.AuthenticationType == Scheme)?.FindFirst(RosterEntryClaim)?.Value is { } value
        && int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
}
