using System.ComponentModel.DataAnnotations;

namespace IvrService.Primary.Flows;

/// <summary>Where the flow file is (section <c>Flow</c>).</summary>
public sealed class FlowOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Flow";

    /// <summary>
    /// Path of the flow JSON file. A relative path is looked up under the content root, then next to the binaries
    /// (where the build copies <c>content/</c>).
    /// </summary>
    [Required(ErrorMessage = "Flow:Path is required: the path of the IVR flow JSON file (env Flow__Path).")]
    public string Path { get; set; } = "content/flow.json";
}
