namespace ProctorWeb.Tests.Support.Cluster;

/// <summary>
/// nginx on 127.0.0.1 in front of the nodes, with the repository's own deploy/nginx/proctorweb.conf: only the
/// node addresses, the port and the log folder are replaced, so what the tests prove is what operators run.
/// </summary>
public sealed class NginxBalancer : IAsyncDisposable
{
    private readonly LoopbackProcess _process;

    private NginxBalancer(LoopbackProcess process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }
    public string Directory { get; }
    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");
    public string AccessLog => Path.Combine(Directory, "proctorweb.access.log");
    public string ErrorLog => Path.Combine(Directory, "proctorweb.error.log");

    public static async Task<NginxBalancer> StartAsync(string directory, IReadOnlyList<int> nodePorts)
    {
        var port = LoopbackPort.Free();
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "temp"));
        var site = File.ReadAllText(RepositoryRoot.Combine("deploy", "nginx", "proctorweb.conf"))
            .Replace("127.0.0.1:5001", $"127.0.0.1:{nodePorts[0]}")
            .Replace("127.0.0.1:5002", $"127.0.0.1:{nodePorts[1]}")
            .Replace("listen 8080;", $"listen 127.0.0.1:{port};")
            .Replace("/var/log/nginx/", directory + "/");
        File.WriteAllText(Path.Combine(directory, "proctorweb.conf"), site);
        var temp = Path.Combine(directory, "temp");
        // As root nginx hands requests to unprivileged workers, which could not write into this folder.
        var user = Environment.UserName == "root" ? "user root;" : "";
        File.WriteAllText(Path.Combine(directory, "nginx.conf"), $$"""
            {{user}}
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 4096; }
            http {
                client_body_temp_path {{temp}}/body;
                proxy_temp_path {{temp}}/proxy;
                fastcgi_temp_path {{temp}}/fastcgi;
                uwsgi_temp_path {{temp}}/uwsgi;
                scgi_temp_path {{temp}}/scgi;
                include {{directory}}/proctorweb.conf;
            }
            """);
        // Debian keeps nginx in /usr/sbin, which is not on every user's PATH.
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        var process = LoopbackProcess.Start(nginx, ["-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-g", "daemon off;"]);
        await process.WaitForPortAsync(port, "nginx");
        return new NginxBalancer(process, port, directory);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
