using ProctorWeb.Accounts;
using ProctorWeb.Calls;
using ProctorWeb.Configuration;
using ProctorWeb.Data;
using ProctorWeb.Media;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddRootAppSettings();

// Storage: SQLite by default, created or upgraded by migrations at start.
builder.Services.AddAppDatabase();
// Accounts: ASP.NET Identity with Teacher and Student roles and a display name.
builder.Services.AddAccounts();
// Pages: everything but the home page and the account pages needs a signed-in user.
builder.Services.AddRazorPages(o => o.Conventions.AuthorizeFolder("/Calls"));
// One-to-one calls: presence, ringing and signaling over SignalR.
builder.Services.AddCalls();
// Media: ICE servers from configuration.
builder.Services.AddMedia();

var app = builder.Build();

await app.Services.PrepareDatabaseAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
}
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapRazorPages();
app.MapCalls();

app.Run();

public partial class Program;
