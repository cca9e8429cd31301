using ProctorWeb.Accounts;
using ProctorWeb.Admission;
using ProctorWeb.Audit;
using ProctorWeb.Calls;
using ProctorWeb.Cluster;
using ProctorWeb.Configuration;
using ProctorWeb.Data;
using ProctorWeb.Email;
using ProctorWeb.Evidence;
using ProctorWeb.Exams;
using ProctorWeb.Localization;
using ProctorWeb.Media;
using ProctorWeb.Realtime;
using ProctorWeb.Retention;
using ProctorWeb.Security;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddRootAppSettings();
// Logs: framework lines that echo request paths are capped, since invitation links carry their secret in the path.
builder.Logging.KeepInvitationSecretsOutOfLogs();
// Requests: bodies up to 1 MB, forms with a bounded number and size of fields.
builder.AddRequestLimits();

// Storage: SQLite by default, created or upgraded by migrations at start.
builder.Services.AddAppDatabase();
// Accounts: ASP.NET Identity with Admin, Teacher and Student roles and a display name.
builder.Services.AddAccounts();
// Audit: sign-ins, account changes and deletions, for admins to read.
builder.Services.AddAudit();
// Admins: the first one from the command line (create-admin) or configuration; they invite and manage teachers.
builder.Services.AddAdmin();
// Email: SMTP when configured, else .eml files in a private folder; links built from App:PublicUrl.
builder.Services.AddEmail();
// Languages: English and Simplified Chinese, by the header's switcher, else the browser's languages.
builder.Services.AddAppLocalization();
// Pages: calls need a signed-in user, exams a teacher, admin pages an admin, the exam room and its clip uploads a redeemed invitation.
builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/Calls");
    o.Conventions.AuthorizeFolder("/Exams", Roles.Teacher);
    o.Conventions.AuthorizeFolder("/Admin", Roles.Admin);
    o.Conventions.AuthorizePage("/Join/Room", InvitationAuth.Scheme);
    o.Conventions.AuthorizePage("/Join/Clips", InvitationAuth.Scheme);
}).AddAppTextForModels();
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Roles.Teacher, p => p.RequireRole(Roles.Teacher))
    .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin))
    .AddPolicy(InvitationAuth.Scheme, p => p.AddAuthenticationSchemes(InvitationAuth.Scheme).RequireClaim(InvitationAuth.RosterEntryClaim));
// Realtime: SignalR for every hub (limits, keep-alive, throttling, refusal logging) and the clock timers read.
builder.Services.AddRealtime();
// One-to-one calls: presence, ringing and signaling over SignalR.
builder.Services.AddCalls();
// Exams: scheduling, rosters with personal invitations, the exam rooms and their hub.
builder.Services.AddExams();
// Admission: students' ID photos, checked and re-encoded, shown only to the exam's proctors.
builder.Services.AddAdmission();
// Retention: students' data deleted when each exam's period has passed, or when its teacher asks; zeroed on disk.
builder.Services.AddRetention();
// Evidence: clips around flags, uploaded in chunks by students, kept in a private folder, served to proctors.
builder.Services.AddEvidence();
// Media: ICE servers, TURN credentials and the transport policy from configuration.
builder.Services.AddMedia();
// Hosting: the scheme and client address from a reverse proxy on this machine.
builder.Services.AddReverseProxyHeaders();
// Browser hardening: CSP and other response headers, antiforgery cookie flags.
builder.Services.AddSecurityHeaders();
// Several servers: with Cluster:Redis set, each exam (and the calls page) is held by one node, its owner known in Redis.
builder.Services.AddCluster(builder.Configuration);
// Hubs: only pages of this app's own origin (or Security:AllowedOrigins) may open them.
builder.Services.AddHubOriginCheck();

var app = builder.Build();

await app.Services.PrepareDatabaseAsync();
// `create-admin --email … --name …` makes an admin and exits without serving.
if (args.FirstOrDefault() == "create-admin")
{
    Environment.ExitCode = await app.Services.RunCreateAdminAsync(args, Console.In, Console.Out);
    return;
}
await app.Services.EnsureFirstAdminAsync();

// First, so everything after (cookies' Secure flag, redirects, logs) sees the client's scheme and address.
app.UseForwardedHeaders();
// In a cluster: answers name their node, and the balancer asks here which node holds an exam.
app.UseCluster();
// Before anything that answers with words, error pages included.
app.UseRequestLocalization();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    // HTTPS only from the first visit on, for a month (ASP.NET's default); sent on https requests only, never for localhost.
    app.UseHsts();
}
app.UseSecurityHeaders();
// An empty 404 on a page (an unknown address, an exam that is not yours) becomes a page a person can read, still
// answered as 404. Only where a person navigates: a hub's or a form post's answer is for its script or its form.
app.UseWhen(context => HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/hubs"),
    branch => branch.UseStatusCodePagesWithReExecute("/NotFound"));
app.UseHubOriginCheck();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapRazorPages();
app.MapCalls();
app.MapExams();

app.Run();

public partial class Program;
