using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ProctorWeb.Data;
using ProctorWeb.Realtime;

namespace ProctorWeb.Accounts;

public sealed class SignInLimitOptions
{
    public const string Section = "SignInLimit";

    /// <summary>Failed sign-ins one client address may make per window before it must wait.</summary>
    [Range(1, 100_000)]
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>The window, in minutes: the budget comes back evenly over it.</summary>
    [Range(1, 24 * 60)]
    public int WindowMinutes { get; set; } = 5;
}

/// <summary>
/// Failed sign-ins per client address, beside Identity's lockout per account: someone guessing from one address
/// soon waits, whichever accounts they try, so locking accounts one after another costs them time. Only failures
/// count, so a class signing in together behind one school address is never slowed.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInLimitOptions> options, TimeProvider time)
{
    private readonly KeyedBudget<string> _failures = new(options.Value.FailuresPerAddress, TimeSpan.FromMinutes(options.Value.WindowMinutes), time);

    /// <summary>Null when the address may try; otherwise how long it must wait.</summary>
    public TimeSpan? MustWait(IPAddress? address) => _failures.IsSpent(Key(address), out var wait) ? wait : null;

    public void Failed(IPAddress? address) => _failures.Spend(Key(address));

    // Anyone with IPv6 has a whole /64 of addresses to rotate through, so that is what counts as one client.
    private static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}

/// <summary>
/// A hash of a random password, made once with the app's hashing settings: signing in with an unknown email
/// verifies against it, so the answer takes as long as for a known email and its timing does not tell which
/// emails have accounts.
/// </summary>
public sealed class DummyPasswordHash(IOptions<PasswordHasherOptions> options)
{
    private readonly Lazy<string> _hash = new(() => new PasswordHasher<AppUser>(options).HashPassword(new AppUser(), Guid.NewGuid().ToString("N")));

    public void Verify(IPasswordHasher<AppUser> hasher, string password) => hasher.VerifyHashedPassword(new AppUser(), _hash.Value, password);
}
