namespace ProctorWeb.Text;

/// <summary>The account and admin pages, account emails and Identity's messages.</summary>
public sealed class AccountText;
