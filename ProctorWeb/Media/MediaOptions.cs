using System.ComponentModel.DataAnnotations;

namespace ProctorWeb.Media;

public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>
    /// RTCConfiguration.iceTransportPolicy: "all" lets browsers connect directly when they can;
    /// "relay" sends every stream through the TURN server, hiding students' and proctors' addresses from each other.
    /// </summary>
    [AllowedValues("all", "relay", ErrorMessage = "Media:IceTransportPolicy must be \"all\" or \"relay\".")]
    public string IceTransportPolicy { get; set; } = "all";
}
