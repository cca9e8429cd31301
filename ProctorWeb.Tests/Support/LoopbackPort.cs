using System.Net;
using System.Net.Sockets;

namespace ProctorWeb.Tests.Support;

public static class LoopbackPort
{
    /// <summary>A port free on 127.0.0.1 now. Bound and released at once: the moment between is a race only with other programs picking ports.</summary>
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
