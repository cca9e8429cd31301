using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProctorWeb.Calls;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Exams.Live;
using ProctorWeb.Realtime;
using StackExchange.Redis;

namespace ProctorWeb.Cluster;

/// <summary>
/// One node by default; with Cluster:Redis set, several behind a balancer: each exam (and the calls page) is held by
/// one node at a time, its owner recorded in Redis, and the balancer routes a room's hub connections to its owner.
/// </summary>
public static class ClusterSetup
{
    /// <summary>The balancer's internal question: which node's address should this hub request go to?</summary>
    public const string OwnerPath = "/cluster/owner";

    /// <summary>The answer's header: the owner's host:port.</summary>
    public const string OwnerHeader = "X-ProctorWeb-Owner";

    /// <summary>Each answer names the node that served it, so an operator (and a test) sees where a request went.</summary>
    public const string NodeHeader = "X-ProctorWeb-Node";

    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ExamRoomsOnThisNode>();
        var options = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        if (!options.Enabled)
        {
            // One node: AddRealtime and AddExams registered this node as the holder of everything.
            return services;
        }
        // Connects lazily and keeps retrying: a node starts even while Redis is briefly away.
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var redis = ConfigurationOptions.Parse(options.Redis!);
            redis.AbortOnConnectFail = false;
            redis.ClientName = $"proctorweb-{options.Node}";
            return ConnectionMultiplexer.Connect(redis);
        });
        services.AddSingleton<RedisRooms>();
        services.Replace(ServiceDescriptor.Singleton<IRoomOwnership>(p => p.GetRequiredService<RedisRooms>()));
        services.AddHostedService(p => p.GetRequiredService<RedisRooms>());
        services.AddSingleton<ClusterBus>();
        services.Replace(ServiceDescriptor.Singleton<ILiveCommandRoute>(p => p.GetRequiredService<ClusterBus>()));
        services.AddHostedService(p => p.GetRequiredService<ClusterBus>());
        services.AddSingleton<IRoomUse>(p => p.GetRequiredService<OpenConnections>());
        services.AddSingleton<IRoomUse>(p => p.GetRequiredService<ExamRoomsOnThisNode>());
        services.AddSingleton<IRoomLoss>(p => p.GetRequiredService<ExamRoomsOnThisNode>());
        services.AddSingleton<IRoomTakeover>(p => p.GetRequiredService<ExamRoomsOnThisNode>());
        return services;
    }

    public static WebApplication UseCluster(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }
        // Every node reads and writes one database: a SQLite file is one machine's.
        if (!app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgreSQL)
        {
            throw new InvalidOperationException("Cluster mode (Cluster:Redis) needs a database every node shares: set Database:Provider=PostgreSQL and ConnectionStrings:PostgreSQL.");
        }
        // Every node must turn an invitation's nonce into the same link: the key is provisioned, never made here.
        app.Services.GetRequiredService<InvitationCodes>();
        app.Use((context, next) =>
        {
            context.Response.Headers[NodeHeader] = options.Node;
            return next(context);
        });
        app.MapGet(OwnerPath, OwnerOfAsync);
        return app;
    }

    /// <summary>
    /// Asked by the balancer (nginx auth_request) for each hub request, with the original address in X-Original-URI:
    /// exam hub requests carry ?exam=ID and go to the exam's owner, calls hub requests to the calls page's owner,
    /// claimed for this node if nobody holds it. Anything else may go to any node: this one.
    /// </summary>
    private static async Task<IResult> OwnerOfAsync(HttpContext http, IRoomOwnership rooms, AppDbContext db, IOptions<ClusterOptions> options)
    {
        var room = await RoomOfAsync(http.Request.Headers["X-Original-URI"].ToString(), db);
        var owner = room is null ? null : await rooms.ClaimAsync(room);
        http.Response.Headers[OwnerHeader] = owner?.Address ?? options.Value.Address;
        return Results.NoContent();
    }

    private static async Task<string?> RoomOfAsync(string uri, AppDbContext db)
    {
        var query = uri.IndexOf('?');
        var path = new PathString(query < 0 ? uri : uri[..query]);
        if (path.StartsWithSegments(CallHub.Path))
        {
            return Rooms.Calls;
        }
        if (!path.StartsWithSegments(ExamHub.Path) || query < 0)
        {
            return null;
        }
        // Only exams that exist are claimed: a made-up number in the address holds nothing anywhere.
        return QueryHelpers.ParseQuery(uri[query..]).TryGetValue("exam", out var exam)
            && int.TryParse(exam.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var examId)
            && await db.Exams.AnyAsync(e => e.Id == examId)
            ? Rooms.Exam(examId)
            : null;
    }
}
