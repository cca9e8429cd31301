using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProctorWeb.Media;

public static class BrowserJson
{
    /// <summary>camelCase without nulls: the shape browser APIs such as RTCIceServer expect.</summary>
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}
