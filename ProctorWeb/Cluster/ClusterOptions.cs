using System.ComponentModel.DataAnnotations;

namespace ProctorWeb.Cluster;

/// <summary>
/// Several nodes behind one balancer. Off unless <see cref="Redis"/> is set: one node needs none of this.
/// </summary>
public sealed class ClusterOptions : IValidatableObject
{
    public const string Section = "Cluster";

    /// <summary>A StackExchange.Redis configuration string ("127.0.0.1:6379"); set, it turns cluster mode on.</summary>
    public string? Redis { get; set; }

    /// <summary>This node's name, unique in the cluster: the owner map and the logs name nodes by it.</summary>
    public string? Node { get; set; }

    /// <summary>
    /// host:port at which the balancer reaches this node: the balancer sends each exam's hub connections to the
    /// address its owner published here.
    /// </summary>
    public string? Address { get; set; }

    /// <summary>
    /// How long an owner's claim on an exam lasts without renewal (renewed three times as often). It bounds how
    /// soon another node takes over from a node that died: lower is faster failover, more Redis traffic.
    /// </summary>
    [Range(1, 60)]
    public int LeaseSeconds { get; set; } = 3;

    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }
        if (string.IsNullOrWhiteSpace(Node) || !Node.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            yield return new ValidationResult("Cluster:Node must name this node (letters, digits, '-', '_' or '.') when Cluster:Redis is set.", [nameof(Node)]);
        }
        if (string.IsNullOrWhiteSpace(Address) || !System.Net.IPEndPoint.TryParse(Address, out var endpoint) || endpoint.Port == 0)
        {
            yield return new ValidationResult("Cluster:Address must be this node's IP address and port as the balancer reaches it (for example 10.0.0.5:5000) when Cluster:Redis is set.", [nameof(Address)]);
        }
    }
}
